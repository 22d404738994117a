package com.llmgateway.store;

import static com.llmgateway.store.ProviderStoreTest.column;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.llmgateway.security.GatewayKeys;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ApiKeyStoreTest {
    private static final GatewayKeys KEYS = new GatewayKeys("lgw-", 32);

    @ParameterizedTest
    @MethodSource("com.llmgateway.store.TestDatabases#all")
    void storesOnlyTheHashAndTheMask(Supplier<Database> databases) throws SQLException {
        try (Database database = databases.get()) {
            ApiKey.Created created = new ApiKeyStore(database, KEYS).create("ci");

            assertThat(created.keyValue()).matches("lgw-[0-9a-f]{32}");
            assertThat(created.key().keyMask()).isEqualTo(GatewayKeys.mask(created.keyValue()));
            assertThat(created.key().active()).isTrue();
            assertThat(created.key().lastUsedAt()).isEmpty();
            assertThat(column(database, "SELECT key_hash FROM api_keys"))
                    .isEqualTo(GatewayKeys.sha256Hex(created.keyValue()));
            assertThat(created.toString()).doesNotContain(created.keyValue());
        }
    }

    @ParameterizedTest
    @MethodSource("com.llmgateway.store.TestDatabases#all")
    void refusesDuplicateNames(Supplier<Database> databases) {
        try (Database database = databases.get()) {
            ApiKeyStore store = new ApiKeyStore(database, KEYS);
            store.create("a");
            long b = store.create("b").key().id();

            assertThatThrownBy(() -> store.create("a"))
                    .isInstanceOfSatisfying(
                            StoreException.class, e -> assertThat(e.code()).isEqualTo("duplicate_name"));
            assertThatThrownBy(() -> store.update(b, new ApiKey.Patch(Optional.of("a"), Optional.empty())))
                    .isInstanceOfSatisfying(
                            StoreException.class, e -> assertThat(e.code()).isEqualTo("duplicate_name"));
        }
    }

    @ParameterizedTest
    @MethodSource("com.llmgateway.store.TestDatabases#all")
    void touchLastUsedNeverMovesBackwardsAndIgnoresUnknownIds(Supplier<Database> databases) {
        try (Database database = databases.get()) {
            ApiKeyStore store = new ApiKeyStore(database, KEYS);
            long a = store.create("a").key().id();
            long b = store.create("b").key().id();

            store.touchLastUsed(Map.of(a, 2_000L, b, 1_000L, 999L, 5_000L));
            store.touchLastUsed(Map.of(a, 1_500L));
            store.touchLastUsed(Map.of());

            assertThat(store.get(a).lastUsedAt()).hasValue(Instant.ofEpochMilli(2_000));
            assertThat(store.get(b).lastUsedAt()).hasValue(Instant.ofEpochMilli(1_000));
        }
    }
}
