package com.llmgateway.config;

/** The databases the gateway can store its configuration and logs in. */
public enum DatabaseType {
    SQLITE("sqlite"),
    POSTGRESQL("postgresql");

    private final String settingValue;

    DatabaseType(String settingValue) {
        this.settingValue = settingValue;
    }

    /** The value of {@code DATABASE_TYPE} and the name of the migration folder. */
    public String settingValue() {
        return settingValue;
    }
}
