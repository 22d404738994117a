package com.llmgateway.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.llmgateway.testing.TestGateway;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The real {@link Main} in a child JVM: what an operator sees when a setting is wrong, and a clean start and stop. */
class MainProcessTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");
    private static final String SECRET = "s3cret";

    /** Removed from the child's environment so that the developer's shell cannot change the outcome. */
    static final List<String> GATEWAY_VARIABLES = List.of(
            "APP_NAME",
            "DEBUG",
            "DATABASE_TYPE",
            "DATABASE_URL",
            "RETRY_MAX_ATTEMPTS",
            "RETRY_DELAY_MS",
            "HTTP_TIMEOUT",
            "API_KEY_PREFIX",
            "API_KEY_LENGTH",
            "ADMIN_USERNAME",
            "ADMIN_PASSWORD",
            "ADMIN_TOKEN_TTL_SECONDS",
            "LOG_RETENTION_DAYS",
            "LOG_CLEANUP_HOUR",
            "LOG_BODY_MAX_BYTES",
            "LOG_QUEUE_CAPACITY",
            "LOG_BATCH_SIZE",
            "LOG_SPILL_MAX_BYTES",
            "SHUTDOWN_GRACE_SECONDS",
            "FRONTEND_DIST_DIR",
            "HOST",
            "PORT",
            "GATEWAY_SECRET_KEY",
            "MAX_REQUEST_BYTES",
            "UPSTREAM_MAX_CONNECTIONS",
            "UPSTREAM_MAX_WAIT_QUEUE",
            "LOG_LEVEL",
            "LOG_FORMAT");

    @TempDir
    Path workDir;

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                Arguments.of(Map.of("RETRY_MAX_ATTEMPTS", "abc"), "", "RETRY_MAX_ATTEMPTS"),
                Arguments.of(Map.of("DATABASE_TYPE", "mysql"), "", "DATABASE_TYPE"),
                Arguments.of(
                        Map.of(
                                "DATABASE_TYPE",
                                "postgresql",
                                "DATABASE_URL",
                                "postgresql://gw:%zz" + SECRET + "@db/gw"),
                        "",
                        "DATABASE_URL"),
                Arguments.of(Map.of(), "LOG_CLEANUP_HOUR=25\n", "LOG_CLEANUP_HOUR"),
                Arguments.of(Map.of("LOG_FORMAT", "xml"), "", "LOG_FORMAT"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("invalidSettings")
    void anInvalidSettingStopsTheProcessWithAMessageNamingIt(Map<String, String> env, String dotEnv, String variable)
            throws Exception {
        if (!dotEnv.isEmpty()) {
            Files.writeString(workDir.resolve(".env"), dotEnv, UTF_8);
        }
        Path stderr = workDir.resolve("stderr.txt");
        Process process = gateway(env)
                .redirectOutput(workDir.resolve("stdout.txt").toFile())
                .redirectError(stderr.toFile())
                .start();

        boolean exited = process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly().waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }

        assertThat(exited).as("exited within %s", TIMEOUT).isTrue();
        String message = Files.readString(stderr, UTF_8);
        assertThat(process.exitValue()).as("exit code; stderr: %s", message).isNotZero();
        assertThat(message)
                .contains(variable)
                .contains("accepted")
                .doesNotContain("\tat ") // no stack trace, just the message
                .doesNotContain(SECRET);
        assertThat(workDir.resolve("data"))
                .as("nothing created before the settings were valid")
                .doesNotExist();
    }

    @Test
    void startsServesAndStopsOnSigterm() throws Exception {
        Path database = workDir.resolve("g.db");
        Process process = gateway(Map.of("PORT", "0", "HOST", "127.0.0.1", "DATABASE_URL", "jdbc:sqlite:" + database))
                .redirectError(workDir.resolve("stderr.txt").toFile())
                .start();
        List<String> stdout = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofPlatform()
                .daemon()
                .name("gateway-stdout")
                .start(() -> collectLines(process.getInputStream(), stdout));
        try {
            await().atMost(TIMEOUT).until(() -> listeningPort(stdout) != null || !process.isAlive());

            assertThat(listeningPort(stdout))
                    .as("'listening on' in stdout %s; stderr: %s", stdout, stderr())
                    .isNotNull();
            assertThat(database).exists();
            String health = TestGateway.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + listeningPort(stdout) + "/health"))
                                    .build())
                    .body();
            assertThat(health).isEqualTo("{\"status\":\"healthy\"}");
        } finally {
            process.destroy();
            if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
            reader.join(TIMEOUT.toMillis());
        }
        assertThat(process.isAlive()).as("stopped by SIGTERM").isFalse();
        assertThat(stderr()).doesNotContain("Exception");
    }

    /** {@code LOG_FORMAT=json}: every line the gateway logs is one JSON object (logback's JsonEncoder). */
    @Test
    void logFormatJsonWritesOneJsonObjectPerLine() throws Exception {
        Process process = gateway(Map.of(
                        "PORT", "0",
                        "HOST", "127.0.0.1",
                        "DATABASE_URL", "jdbc:sqlite:" + workDir.resolve("g.db"),
                        "LOG_FORMAT", "json"))
                .redirectError(workDir.resolve("stderr.txt").toFile())
                .start();
        List<String> stdout = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofPlatform().daemon().start(() -> collectLines(process.getInputStream(), stdout));
        ObjectMapper json = new ObjectMapper();
        List<String> messages = new CopyOnWriteArrayList<>();
        try {
            await().atMost(TIMEOUT).until(() -> {
                messages.clear();
                for (String line : stdout) {
                    messages.add(json.readTree(line).path("formattedMessage").asText());
                }
                return listeningPort(messages) != null || !process.isAlive();
            });
        } finally {
            process.destroy();
            process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            reader.join(TIMEOUT.toMillis());
        }

        assertThat(listeningPort(messages))
                .as("stdout %s; stderr: %s", stdout, stderr())
                .isNotNull();
        for (String line : stdout) {
            JsonNode event = json.readTree(line);
            assertThat(event.path("level").asText()).as(line).isNotEmpty();
            assertThat(event.path("loggerName").asText()).as(line).startsWith("com.llmgateway");
            assertThat(event.path("timestamp").asLong()).as(line).isPositive();
        }
    }

    private ProcessBuilder gateway(Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx256m",
                        "-XX:TieredStopAtLevel=1",
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Main.class.getName())
                .directory(workDir.toFile());
        builder.environment().keySet().removeAll(GATEWAY_VARIABLES);
        builder.environment().putAll(env);
        return builder;
    }

    static void collectLines(InputStream stream, List<String> lines) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            // The process went away; what was read is what there is.
        }
    }

    static String listeningPort(List<String> lines) {
        for (String line : lines) {
            Matcher matcher = LISTENING.matcher(line);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        return null;
    }

    private String stderr() throws IOException {
        Path file = workDir.resolve("stderr.txt");
        return Files.exists(file) ? Files.readString(file, UTF_8) : "";
    }
}
