package com.llmgateway.config;

/** How the gateway writes its own log lines ({@code LOG_FORMAT}): for people, or one JSON object per line. */
public enum LogFormat {
    /** {@code [time] [level] [logger] message}, the default. */
    TEXT("text"),
    /** Logback's {@code JsonEncoder}: one JSON object per event, for log collectors. */
    JSON("json");

    private final String settingValue;

    LogFormat(String settingValue) {
        this.settingValue = settingValue;
    }

    public String settingValue() {
        return settingValue;
    }
}
