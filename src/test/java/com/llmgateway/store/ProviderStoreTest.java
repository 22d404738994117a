package com.llmgateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.llmgateway.security.SecretCipher;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProviderStoreTest {
    private static final SecretCipher CIPHER = SecretCipher.fromSecret("test key");

    @ParameterizedTest
    @MethodSource("com.llmgateway.store.TestDatabases#all")
    void storesTheKeyEncryptedAndReadsItBackDecrypted(Supplier<Database> databases) throws SQLException {
        try (Database database = databases.get()) {
            ProviderStore store = new ProviderStore(database, CIPHER);

            Provider created = store.create(draft("openai", Optional.of("sk-1234567890abcdef")));

            assertThat(created.apiKey()).hasValue("sk-1234567890abcdef");
            assertThat(created.extraHeaders()).hasValue(Map.of("X-Org", "acme"));
            String stored = column(database, "SELECT api_key FROM service_providers WHERE id = " + created.id());
            assertThat(stored).startsWith("v1:").doesNotContain("sk-1234567890abcdef");
            assertThat(CIPHER.decrypt(stored)).isEqualTo("sk-1234567890abcdef");
        }
    }

    @ParameterizedTest
    @MethodSource("com.llmgateway.store.TestDatabases#all")
    void updatesOnlyWhatThePatchNames(Supplier<Database> databases) {
        try (Database database = databases.get()) {
            ProviderStore store = new ProviderStore(database, CIPHER);
            Provider created = store.create(draft("openai", Optional.of("sk-old-1234567890")));

            Provider renamed = store.update(
                    created.id(),
                    new Provider.Patch(
                            Optional.of("renamed"),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            Change.keep(),
                            Change.keep(),
                            Optional.of(false),
                            Optional.empty()));

            assertThat(renamed.name()).isEqualTo("renamed");
            assertThat(renamed.apiKey()).hasValue("sk-old-1234567890");
            assertThat(renamed.extraHeaders()).hasValue(Map.of("X-Org", "acme"));
            assertThat(renamed.active()).isFalse();
            assertThat(renamed.baseUrl()).isEqualTo(created.baseUrl());

            Provider cleared = store.update(
                    created.id(),
                    new Provider.Patch(
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            Change.to(Optional.empty()),
                            Change.to(Optional.empty()),
                            Optional.empty(),
                            Optional.empty()));

            assertThat(cleared.apiKey()).isEmpty();
            assertThat(cleared.extraHeaders()).isEmpty();
            assertThat(cleared.name()).isEqualTo("renamed");
        }
    }

    @ParameterizedTest
    @MethodSource("com.llmgateway.store.TestDatabases#all")
    void refusesDuplicateNamesOnCreateAndRename(Supplier<Database> databases) {
        try (Database database = databases.get()) {
            ProviderStore store = new ProviderStore(database, CIPHER);
            store.create(draft("a", Optional.empty()));
            Provider b = store.create(draft("b", Optional.empty()));

            assertThatThrownBy(() -> store.create(draft("a", Optional.empty())))
                    .isInstanceOfSatisfying(
                            StoreException.class, e -> assertThat(e.code()).isEqualTo("duplicate_name"));
            assertThatThrownBy(() -> store.update(b.id(), rename("a")))
                    .isInstanceOfSatisfying(
                            StoreException.class, e -> assertThat(e.code()).isEqualTo("duplicate_name"));
        }
    }

    @ParameterizedTest
    @MethodSource("com.llmgateway.store.TestDatabases#all")
    void refusesToDeleteAProviderThatAnyMappingUses(Supplier<Database> databases) {
        try (Database database = databases.get()) {
            ProviderStore providers = new ProviderStore(database, CIPHER);
            Provider used = providers.create(draft("used", Optional.empty()));
            Provider unused = providers.create(draft("unused", Optional.empty()));
            new ModelStore(database)
                    .create(new Model.Draft("gpt-4o", "round_robin", Optional.empty(), Optional.empty(), true));
            new MappingStore(database)
                    .create(new Mapping.Draft("gpt-4o", used.id(), "gpt-4o", Optional.empty(), 0, 1, false));

            assertThatThrownBy(() -> providers.delete(used.id())).isInstanceOfSatisfying(StoreException.class, e -> {
                assertThat(e.kind()).isEqualTo(StoreException.Kind.CONFLICT);
                assertThat(e.code()).isEqualTo("provider_in_use");
            });
            providers.delete(unused.id());
            assertThatThrownBy(() -> providers.get(unused.id()))
                    .isInstanceOfSatisfying(
                            StoreException.class, e -> assertThat(e.code()).isEqualTo("provider_not_found"));
            assertThatThrownBy(() -> providers.delete(unused.id())).isInstanceOf(StoreException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("com.llmgateway.store.TestDatabases#all")
    void listsNewestFirstByPageWithAnActiveFilter(Supplier<Database> databases) {
        try (Database database = databases.get()) {
            ProviderStore store = new ProviderStore(database, CIPHER);
            for (int i = 1; i <= 5; i++) {
                Provider.Draft draft = draft("p" + i, Optional.empty());
                store.create(new Provider.Draft(
                        draft.name(),
                        draft.baseUrl(),
                        draft.protocol(),
                        draft.apiType(),
                        draft.apiKey(),
                        draft.extraHeaders(),
                        i % 2 == 1));
            }

            Page<Provider> second = store.list(Optional.empty(), new PageRequest(2, 2));
            Page<Provider> active = store.list(Optional.of(true), new PageRequest(1, 10));

            assertThat(second.total()).isEqualTo(5);
            assertThat(second.items()).extracting(Provider::name).containsExactly("p3", "p2");
            assertThat(active.total()).isEqualTo(3);
            assertThat(active.items()).extracting(Provider::name).containsExactly("p5", "p3", "p1");
        }
    }

    @ParameterizedTest
    @MethodSource("com.llmgateway.store.TestDatabases#all")
    void aKeyUnderAnotherMasterKeyIsUnreadableNotFatal(Supplier<Database> databases) {
        try (Database database = databases.get()) {
            Provider created = new ProviderStore(database, SecretCipher.fromSecret("old key"))
                    .create(draft("p", Optional.of("sk-1234567890abcdef")));

            ProviderStore withNewKey = new ProviderStore(database, CIPHER);
            Provider read = withNewKey.get(created.id());
            Provider renamed = withNewKey.update(created.id(), rename("q"));

            assertThat(read.apiKey()).isEmpty();
            assertThat(read.apiKeyUnreadable()).isTrue();
            // Renaming keeps the ciphertext, so restoring the old master key brings the key back.
            assertThat(renamed.apiKeyUnreadable()).isTrue();
            assertThat(new ProviderStore(database, SecretCipher.fromSecret("old key"))
                            .get(created.id())
                            .apiKey())
                    .hasValue("sk-1234567890abcdef");
        }
    }

    static Provider.Draft draft(String name, Optional<String> apiKey) {
        return new Provider.Draft(
                name,
                "https://api.example.com/v1",
                "openai",
                "chat",
                apiKey,
                Optional.of(Map.of("X-Org", "acme")),
                true);
    }

    private static Provider.Patch rename(String name) {
        return new Provider.Patch(
                Optional.of(name),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Change.keep(),
                Change.keep(),
                Optional.empty(),
                Optional.empty());
    }

    static String column(Database database, String sql) throws SQLException {
        try (Connection connection = database.connection();
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            return row.next() ? row.getString(1) : null;
        }
    }

    static void execute(Database database, String sql) throws SQLException {
        try (Connection connection = database.connection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
