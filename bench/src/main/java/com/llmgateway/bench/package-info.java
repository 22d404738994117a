/** The benchmark: a fast mock upstream, an open-loop load generator and the report (run by {@code bench/run.sh}). */
package com.llmgateway.bench;
