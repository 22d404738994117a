package com.llmgateway.server;

import com.llmgateway.config.Settings;
import com.llmgateway.config.SettingsException;
import com.llmgateway.config.SettingsLoader;

/** Entry point: read settings, start the gateway, stop it cleanly on SIGTERM. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        Settings settings;
        try {
            settings = SettingsLoader.load();
        } catch (SettingsException e) {
            System.err.println("llm-gateway: " + e.getMessage());
            System.exit(2);
            return;
        }
        LogOutput.apply(settings.logFormat());
        Gateway gateway;
        try {
            gateway = Gateway.start(settings);
        } catch (RuntimeException e) {
            System.err.println("llm-gateway: could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(gateway::close, "gateway-shutdown"));
    }
}
