package com.llmgateway.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads settings from the process environment and a {@code .env} file; the environment wins.
 *
 * <p>Every invalid value stops start-up with a {@link SettingsException} naming the variable and what it accepts.
 */
public final class SettingsLoader {
    public static final String DEFAULT_APP_NAME = "LLM Gateway";
    public static final String DEFAULT_DATABASE_URL = "sqlite+aiosqlite:///./data/llm_gateway.db";
    public static final int DEFAULT_RETRY_MAX_ATTEMPTS = 3;
    public static final int DEFAULT_RETRY_DELAY_MS = 1000;
    public static final int DEFAULT_HTTP_TIMEOUT_SECONDS = 60;
    public static final String DEFAULT_API_KEY_PREFIX = "lgw-";
    public static final int DEFAULT_API_KEY_LENGTH = 32;
    public static final int DEFAULT_ADMIN_TOKEN_TTL_SECONDS = 86_400;
    public static final int DEFAULT_LOG_RETENTION_DAYS = 7;
    public static final int DEFAULT_LOG_CLEANUP_HOUR = 4;
    public static final int DEFAULT_LOG_BODY_MAX_BYTES = 64 * 1024;
    public static final int DEFAULT_LOG_QUEUE_CAPACITY = 10_000;
    public static final long DEFAULT_LOG_QUEUE_MAX_BYTES = 64L * 1024 * 1024;
    public static final int DEFAULT_LOG_BATCH_SIZE = 200;
    public static final long DEFAULT_LOG_SPILL_MAX_BYTES = 1L << 30;
    public static final int DEFAULT_SHUTDOWN_GRACE_SECONDS = 30;
    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 8000;
    public static final long DEFAULT_MAX_REQUEST_BYTES = 32L * 1024 * 1024;
    public static final int DEFAULT_UPSTREAM_MAX_CONNECTIONS = 512;
    public static final int DEFAULT_UPSTREAM_MAX_WAIT_QUEUE = 1024;

    /** A request body is held in one buffer to rewrite its model, and a Java buffer holds less than 2 GiB. */
    public static final long MAX_MAX_REQUEST_BYTES = 1L << 30;

    /** Plain decimal notation: no sign, exponent, hexadecimal or Java's {@code d}/{@code f} suffixes. */
    private static final Pattern DECIMAL = Pattern.compile("\\d+(\\.\\d*)?|\\.\\d+");

    private final Map<String, String> values;

    private SettingsLoader(Map<String, String> values) {
        this.values = values;
    }

    /** Settings from the real environment and {@code ./.env}. */
    public static Settings load() {
        return load(System.getenv(), Path.of(".env"));
    }

    /** Settings from {@code environment} over the variables of {@code dotEnv} (which may not exist). */
    public static Settings load(Map<String, String> environment, Path dotEnv) {
        Map<String, String> merged = new HashMap<>(readDotEnv(dotEnv));
        merged.putAll(environment);
        return new SettingsLoader(merged).build();
    }

    static Map<String, String> readDotEnv(Path file) {
        if (!Files.isRegularFile(file)) {
            return Map.of();
        }
        try {
            return DotEnv.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SettingsException("Cannot read " + file + ": " + e.getMessage());
        }
    }

    private Settings build() {
        DatabaseType type = databaseType();
        Optional<String> user = optional("ADMIN_USERNAME");
        Optional<String> password = optional("ADMIN_PASSWORD");
        Optional<Settings.AdminCredentials> admin = user.isPresent() && password.isPresent()
                ? Optional.of(new Settings.AdminCredentials(user.get(), password.get()))
                : Optional.empty();
        return new Settings(
                string("APP_NAME", DEFAULT_APP_NAME),
                bool("DEBUG", false),
                DatabaseUrls.parse(type, string("DATABASE_URL", DEFAULT_DATABASE_URL)),
                integer("RETRY_MAX_ATTEMPTS", DEFAULT_RETRY_MAX_ATTEMPTS, 1, 100),
                Duration.ofMillis(integer("RETRY_DELAY_MS", DEFAULT_RETRY_DELAY_MS, 0, 600_000)),
                Duration.ofMillis(
                        Math.round(decimal("HTTP_TIMEOUT", DEFAULT_HTTP_TIMEOUT_SECONDS, 0.001, 86_400) * 1000)),
                string("API_KEY_PREFIX", DEFAULT_API_KEY_PREFIX),
                integer("API_KEY_LENGTH", DEFAULT_API_KEY_LENGTH, 16, 128),
                admin,
                Duration.ofSeconds(integer("ADMIN_TOKEN_TTL_SECONDS", DEFAULT_ADMIN_TOKEN_TTL_SECONDS, 1, 31_536_000)),
                logSettings(),
                optional("FRONTEND_DIST_DIR"),
                string("HOST", DEFAULT_HOST),
                integer("PORT", DEFAULT_PORT, 0, 65_535),
                optional("GATEWAY_SECRET_KEY"),
                longInteger("MAX_REQUEST_BYTES", DEFAULT_MAX_REQUEST_BYTES, 1024, MAX_MAX_REQUEST_BYTES),
                integer("UPSTREAM_MAX_CONNECTIONS", DEFAULT_UPSTREAM_MAX_CONNECTIONS, 1, 100_000),
                integer("UPSTREAM_MAX_WAIT_QUEUE", DEFAULT_UPSTREAM_MAX_WAIT_QUEUE, 0, 1_000_000),
                readableFile("UPSTREAM_CA_FILE"),
                logFormat());
    }

    private LogFormat logFormat() {
        String value = string("LOG_FORMAT", LogFormat.TEXT.settingValue());
        for (LogFormat format : LogFormat.values()) {
            if (format.settingValue().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return format;
            }
        }
        throw invalid("LOG_FORMAT", value, "text or json");
    }

    private Optional<Path> readableFile(String name) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        Path path = Path.of(value.get().trim());
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            throw invalid(name, value.get(), "the path of a readable PEM file");
        }
        return Optional.of(path);
    }

    private LogSettings logSettings() {
        return new LogSettings(
                integer("LOG_RETENTION_DAYS", DEFAULT_LOG_RETENTION_DAYS, 1, 36_500),
                integer("LOG_CLEANUP_HOUR", DEFAULT_LOG_CLEANUP_HOUR, 0, 23),
                integer("LOG_BODY_MAX_BYTES", DEFAULT_LOG_BODY_MAX_BYTES, 0, 64 * 1024 * 1024),
                integer("LOG_QUEUE_CAPACITY", DEFAULT_LOG_QUEUE_CAPACITY, 1, 10_000_000),
                longInteger("LOG_QUEUE_MAX_BYTES", DEFAULT_LOG_QUEUE_MAX_BYTES, 1 << 20, 1L << 40),
                integer("LOG_BATCH_SIZE", DEFAULT_LOG_BATCH_SIZE, 1, 10_000),
                longInteger("LOG_SPILL_MAX_BYTES", DEFAULT_LOG_SPILL_MAX_BYTES, 0, 1L << 40),
                Duration.ofSeconds(integer("SHUTDOWN_GRACE_SECONDS", DEFAULT_SHUTDOWN_GRACE_SECONDS, 0, 3_600)));
    }

    private DatabaseType databaseType() {
        String value = string("DATABASE_TYPE", "sqlite");
        for (DatabaseType type : DatabaseType.values()) {
            if (type.settingValue().equals(value.trim().toLowerCase(Locale.ROOT))) {
                return type;
            }
        }
        throw invalid("DATABASE_TYPE", value, "sqlite or postgresql");
    }

    private Optional<String> optional(String name) {
        String value = values.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }

    private String string(String name, String fallback) {
        return optional(name).orElse(fallback);
    }

    private boolean bool(String name, boolean fallback) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return fallback;
        }
        return switch (value.get().trim().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw invalid(name, value.get(), "true or false (also 1/0, yes/no, on/off)");
        };
    }

    private int integer(String name, int fallback, int min, int max) {
        return (int) longInteger(name, fallback, min, max);
    }

    private long longInteger(String name, long fallback, long min, long max) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.get().trim());
            if (parsed < min || parsed > max) {
                throw invalid(name, value.get(), "a whole number from " + min + " to " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw invalid(name, value.get(), "a whole number from " + min + " to " + max);
        }
    }

    private double decimal(String name, double fallback, double min, double max) {
        Optional<String> value = optional(name);
        if (value.isEmpty()) {
            return fallback;
        }
        String text = value.get().trim();
        // Double.parseDouble alone would also take "60d" or "NaN"; a unit typo must not pass as seconds.
        double parsed = DECIMAL.matcher(text).matches() ? Double.parseDouble(text) : Double.NaN;
        if (!(parsed >= min && parsed <= max)) {
            throw invalid(
                    name, value.get(), "a number of seconds from " + min + " to " + (long) max + ", e.g. 60 or 2.5");
        }
        return parsed;
    }

    static SettingsException invalid(String name, String value, String accepted) {
        return new SettingsException("Invalid value for " + name + ": '" + value + "'; accepted: " + accepted);
    }
}
