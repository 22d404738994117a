package com.llmgateway.store;

import java.time.ZoneOffset;

/** What statistics to compute: which rows, bucketed how wide, aligned to which UTC offset. */
public record StatsQuery(LogFilter filter, StatsBucket bucket, ZoneOffset offset) {}
