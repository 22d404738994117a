package com.llmgateway.config;

/** A setting has a value the gateway cannot use; the message names the variable and the accepted values. */
public final class SettingsException extends RuntimeException {
    public SettingsException(String message) {
        super(message);
    }
}
