package com.llmgateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.llmgateway.config.DatabaseConfig;
import com.llmgateway.config.DatabaseType;
import com.llmgateway.routing.SnapshotHolder;
import com.llmgateway.security.GatewayKeys;
import com.llmgateway.security.SecretCipher;
import com.llmgateway.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Several instances on one database: each admin write bumps {@code config_version}; every other instance's {@link
 * ConfigSync} reloads its snapshot, within a second on PostgreSQL (NOTIFY) and within the check interval anyway.
 */
class ConfigSyncTest {
    private static final SecretCipher CIPHER = SecretCipher.fromSecret("k");
    private static final Duration NEVER = Duration.ofHours(1);

    @ParameterizedTest
    @MethodSource("com.llmgateway.store.TestDatabases#all")
    void everyConfigWriteBumpsTheVersionAndAFailedOneDoesNot(Supplier<Database> databases) {
        try (Database database = databases.get()) {
            SnapshotLoader loader = new SnapshotLoader(database, CIPHER);
            ApiKeyStore keys = new ApiKeyStore(database, new GatewayKeys("lgw-", 32));
            long start = loader.loadVersioned().version();

            long key = keys.create("a").key().id();
            keys.update(key, new ApiKey.Patch(Optional.empty(), Optional.of(false)));
            assertThatThrownBy(() -> keys.create("a")).isInstanceOf(StoreException.class);
            keys.touchLastUsed(Map.of(key, 1L));

            assertThat(loader.loadVersioned().version()).isEqualTo(start + 2);
        }
    }

    @ParameterizedTest
    @MethodSource("com.llmgateway.store.TestDatabases#all")
    void aChangeThroughAnotherInstanceReachesTheSnapshotWithinTheCheckInterval(Supplier<Database> databases)
            throws SQLException {
        try (Database a = databases.get();
                Database b = Database.open(a.config())) {
            SnapshotHolder bSnapshots = new SnapshotHolder();
            try (ConfigSync bSync = watching(b, bSnapshots, Duration.ofMillis(200))) {
                String hash = GatewayKeys.sha256Hex(new ApiKeyStore(a, new GatewayKeys("lgw-", 32))
                        .create("from-a")
                        .keyValue());

                await().atMost(Duration.ofSeconds(2))
                        .untilAsserted(() ->
                                assertThat(bSnapshots.get().keyByHash(hash)).isPresent());
                assertThat(bSync.version()).isEqualTo(currentVersion(a));
            }
        }
    }

    /** With a check interval of an hour, only the notification can bring the change: it must within a second. */
    @Test
    void onPostgresANotificationBringsTheChangeWithinOneSecond() {
        TestPostgres.require();
        try (Database a = TestDatabases.postgres();
                Database b = Database.open(a.config())) {
            SnapshotHolder bSnapshots = new SnapshotHolder();
            try (ConfigSync bSync = watching(b, bSnapshots, NEVER)) {
                await().atMost(Duration.ofSeconds(5)).until(bSync::watching);

                String hash = GatewayKeys.sha256Hex(new ApiKeyStore(a, new GatewayKeys("lgw-", 32))
                        .create("k")
                        .keyValue());

                await().atMost(Duration.ofSeconds(1))
                        .untilAsserted(() ->
                                assertThat(bSnapshots.get().keyByHash(hash)).isPresent());
            }
        }
    }

    /** A notification lost (here: a version changed without one) is caught by the periodic check. */
    @ParameterizedTest
    @MethodSource("com.llmgateway.store.TestDatabases#all")
    void aMissedNotificationIsCaughtByThePeriodicCheck(Supplier<Database> databases) throws SQLException {
        try (Database database = databases.get();
                ConfigSync sync = watching(database, new SnapshotHolder(), Duration.ofMillis(300))) {
            long before = sync.version();
            try (Connection connection = database.connection();
                    Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO model_mappings (requested_model, strategy, is_active, created_at,"
                        + " updated_at) VALUES ('silent', 'round_robin', TRUE, 0, 0)");
                statement.execute("UPDATE config_version SET version = version + 1");
            }

            await().atMost(Duration.ofSeconds(3))
                    .untilAsserted(() -> assertThat(sync.version()).isEqualTo(before + 1));
        }
    }

    /** The listening connection killed by the server: the watcher reconnects and catches up on what it missed. */
    @Test
    void onPostgresTheWatcherReconnectsAndCatchesUp() throws SQLException {
        TestPostgres.require();
        try (Database a = TestDatabases.postgres();
                Database b = Database.open(a.config())) {
            SnapshotHolder bSnapshots = new SnapshotHolder();
            try (ConfigSync bSync = watching(b, bSnapshots, NEVER)) {
                await().atMost(Duration.ofSeconds(5)).until(bSync::watching);

                assertThat(terminateWatchers(a)).isPositive();
                await().atMost(Duration.ofSeconds(5)).until(() -> !bSync.watching());
                String hash = GatewayKeys.sha256Hex(new ApiKeyStore(a, new GatewayKeys("lgw-", 32))
                        .create("while-away")
                        .keyValue());

                await().atMost(Duration.ofSeconds(5))
                        .untilAsserted(() ->
                                assertThat(bSnapshots.get().keyByHash(hash)).isPresent());
                await().atMost(Duration.ofSeconds(5)).until(bSync::watching);
            }
        }
    }

    /** Flyway takes PostgreSQL's advisory lock: instances starting together migrate a fresh database once. */
    @Test
    void onPostgresInstancesStartingTogetherMigrateOnce() throws Exception {
        TestPostgres.require();
        TestPostgres.Schema schema = TestPostgres.freshSchema();
        try {
            DatabaseConfig config = new DatabaseConfig(
                    DatabaseType.POSTGRESQL,
                    schema.jdbcUrl(),
                    TestPostgres.user(),
                    TestPostgres.password(),
                    Optional.empty());
            int instances = 4;
            ExecutorService pool = Executors.newFixedThreadPool(instances);
            List<Database> opened = new ArrayList<>();
            try {
                List<Future<Database>> starts = new ArrayList<>();
                for (int i = 0; i < instances; i++) {
                    Callable<Database> open = () -> Database.open(config);
                    starts.add(pool.submit(open));
                }
                for (Future<Database> start : starts) {
                    opened.add(start.get());
                }
                try (Connection connection = opened.getFirst().connection();
                        Statement statement = connection.createStatement();
                        ResultSet rows = statement.executeQuery("SELECT version, COUNT(*), BOOL_AND(success)"
                                + " FROM flyway_schema_history WHERE version IS NOT NULL GROUP BY version"
                                + " ORDER BY version::int")) {
                    List<String> history = new ArrayList<>();
                    while (rows.next()) {
                        history.add(rows.getString(1) + "x" + rows.getLong(2) + ":" + rows.getBoolean(3));
                    }
                    // Every migration of the folder, each applied exactly once and successfully.
                    assertThat(history).isNotEmpty().allMatch(entry -> entry.endsWith("x1:true"));
                    assertThat(history).hasSize(migrationCount());
                }
                assertThat(new SnapshotLoader(opened.getLast(), CIPHER)
                                .loadVersioned()
                                .version())
                        .isZero();
            } finally {
                pool.shutdownNow();
                opened.forEach(Database::close);
            }
        } finally {
            schema.drop();
        }
    }

    private static ConfigSync watching(Database database, SnapshotHolder snapshots, Duration interval) {
        ConfigSync sync = new ConfigSync(new SnapshotLoader(database, CIPHER), snapshots);
        sync.reload();
        sync.watch(database, interval);
        return sync;
    }

    private static long currentVersion(Database database) throws SQLException {
        try (Connection connection = database.connection()) {
            return ConfigVersion.read(connection);
        }
    }

    private static int terminateWatchers(Database database) throws SQLException {
        try (Connection connection = database.connection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE application_name = 'llm-gateway config watcher' AND datname = current_database()")) {
            int terminated = 0;
            while (rows.next()) {
                terminated++;
            }
            return terminated;
        }
    }

    private static int migrationCount() throws java.io.IOException, java.net.URISyntaxException {
        java.net.URL folder = ConfigSyncTest.class.getResource("/db/migration/postgresql");
        try (java.util.stream.Stream<java.nio.file.Path> files =
                java.nio.file.Files.list(java.nio.file.Path.of(folder.toURI()))) {
            return (int) files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .count();
        }
    }
}
