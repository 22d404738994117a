package com.llmgateway.store;

import static com.llmgateway.store.ModelAndMappingStoreTest.mapping;
import static com.llmgateway.store.ModelAndMappingStoreTest.model;
import static com.llmgateway.store.ProviderStoreTest.draft;
import static com.llmgateway.store.ProviderStoreTest.execute;
import static org.assertj.core.api.Assertions.assertThat;

import com.llmgateway.protocol.Protocol;
import com.llmgateway.routing.ModelConfig;
import com.llmgateway.routing.ProviderConfig;
import com.llmgateway.routing.RoutingSnapshot;
import com.llmgateway.security.GatewayKeys;
import com.llmgateway.security.SecretCipher;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SnapshotLoaderTest {
    private static final SecretCipher CIPHER = SecretCipher.fromSecret("k");

    @ParameterizedTest
    @MethodSource("com.llmgateway.store.TestDatabases#all")
    void readsTheStreamUsageOptionOffByDefault(Supplier<Database> databases) {
        try (Database database = databases.get()) {
            ProviderStore providers = new ProviderStore(database, CIPHER);
            Provider.Draft off = draft("off", Optional.empty());
            Provider.Draft on = new Provider.Draft(
                    "on", off.baseUrl(), off.protocol(), off.apiType(), off.apiKey(), off.extraHeaders(), true, true);
            long offId = providers.create(off).id();
            long onId = providers.create(on).id();
            Provider switched = providers.update(
                    offId,
                    new Provider.Patch(
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            Change.keep(),
                            Change.keep(),
                            Optional.empty(),
                            Optional.of(true)));
            assertThat(switched.includeStreamUsage()).isTrue();
            providers.update(
                    onId,
                    new Provider.Patch(
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            Change.keep(),
                            Change.keep(),
                            Optional.empty(),
                            Optional.of(false)));

            RoutingSnapshot snapshot = new SnapshotLoader(database, CIPHER).load();

            assertThat(providers.get(onId).includeStreamUsage()).isFalse();
            assertThat(snapshot.provider(offId).orElseThrow().includeStreamUsage())
                    .isTrue();
            assertThat(snapshot.provider(onId).orElseThrow().includeStreamUsage())
                    .isFalse();
            assertThat(off.includeStreamUsage()).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("com.llmgateway.store.TestDatabases#all")
    void loadsProvidersModelsMappingsAndKeys(Supplier<Database> databases) {
        try (Database database = databases.get()) {
            ProviderStore providers = new ProviderStore(database, CIPHER);
            long a =
                    providers.create(draft("a", Optional.of("sk-aaaaaaaaaaaa"))).id();
            long b = providers.create(draft("b", Optional.empty())).id();
            new ModelStore(database).create(model("m"));
            new ModelStore(database).create(model("empty"));
            MappingStore mappings = new MappingStore(database);
            long second = mappings.create(mapping("m", a, 2)).id();
            long first = mappings.create(mapping("m", b, 1)).id();
            ApiKey.Created key = new ApiKeyStore(database, new GatewayKeys("lgw-", 32)).create("ci");

            RoutingSnapshot snapshot = new SnapshotLoader(database, CIPHER).load();

            ProviderConfig providerA = snapshot.provider(a).orElseThrow();
            assertThat(providerA.apiKey()).hasValue("sk-aaaaaaaaaaaa");
            assertThat(providerA.protocol()).isEqualTo(Protocol.OPENAI);
            assertThat(providerA.extraHeaders()).isEqualTo(Map.of("X-Org", "acme"));
            assertThat(providerA.active()).isTrue();
            assertThat(snapshot.provider(b).orElseThrow().apiKey()).isEmpty();
            ModelConfig m = snapshot.model("m").orElseThrow();
            assertThat(m.active()).isTrue();
            assertThat(m.mappings()).extracting(mapping -> mapping.id()).containsExactly(first, second);
            assertThat(snapshot.model("empty").orElseThrow().mappings()).isEmpty();
            assertThat(snapshot.keyByHash(GatewayKeys.sha256Hex(key.keyValue())))
                    .hasValueSatisfying(entry -> {
                        assertThat(entry.id()).isEqualTo(key.key().id());
                        assertThat(entry.name()).isEqualTo("ci");
                        assertThat(entry.active()).isTrue();
                    });
        }
    }

    @ParameterizedTest
    @MethodSource("com.llmgateway.store.TestDatabases#all")
    void rowsTheRequestPathCannotUseBecomeInactiveInsteadOfFailingTheLoad(Supplier<Database> databases)
            throws SQLException {
        try (Database database = databases.get()) {
            long unreadable = new ProviderStore(database, SecretCipher.fromSecret("old"))
                    .create(draft("old-key", Optional.of("sk-aaaaaaaaaaaa")))
                    .id();
            long unknownProtocol = new ProviderStore(database, CIPHER)
                    .create(draft("future", Optional.empty()))
                    .id();
            execute(database, "UPDATE service_providers SET protocol = 'gemini' WHERE id = " + unknownProtocol);
            new ModelStore(database).create(model("broken"));
            new ModelStore(database).create(model("fine"));
            long mapping = new MappingStore(database)
                    .create(mapping("fine", unreadable, 0))
                    .id();
            // Rule sets are objects; a stored array no longer parses.
            execute(database, "UPDATE model_mappings SET matching_rules = '[1]' WHERE requested_model = 'broken'");
            execute(database, "UPDATE model_mapping_providers SET provider_rules = '\"x\"' WHERE id = " + mapping);

            RoutingSnapshot snapshot = new SnapshotLoader(database, CIPHER).load();

            assertThat(snapshot.provider(unreadable).orElseThrow().active()).isFalse();
            assertThat(snapshot.provider(unknownProtocol)).isEmpty();
            assertThat(snapshot.model("broken").orElseThrow().active()).isFalse();
            assertThat(snapshot.model("fine").orElseThrow().active()).isTrue();
            assertThat(snapshot.model("fine").orElseThrow().mappings().get(0).active())
                    .isFalse();
        }
    }
}
