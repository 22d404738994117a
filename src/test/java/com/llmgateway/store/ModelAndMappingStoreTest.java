package com.llmgateway.store;

import static com.llmgateway.store.ProviderStoreTest.column;
import static com.llmgateway.store.ProviderStoreTest.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.llmgateway.security.SecretCipher;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ModelAndMappingStoreTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @MethodSource("com.llmgateway.store.TestDatabases#all")
    void keepsJsonColumnsAsSent(Supplier<Database> databases) throws Exception {
        try (Database database = databases.get()) {
            JsonNode rules = JSON.readTree("{\"rules\":[{\"field\":\"model\",\"operator\":\"eq\",\"value\":\"x\"}]}");
            JsonNode capabilities = JSON.readTree("{\"streaming\":true,\"nested\":{\"a\":[1,2.5,null]}}");

            ModelDetail created = new ModelStore(database)
                    .create(new Model.Draft("m", "round_robin", Optional.of(rules), Optional.of(capabilities), true));

            assertThat(created.model().matchingRules()).hasValue(rules);
            assertThat(created.model().capabilities()).hasValue(capabilities);
            assertThat(created.mappings()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("com.llmgateway.store.TestDatabases#all")
    void listsModelsByCodePointOrderWithProviderCounts(Supplier<Database> databases) {
        try (Database database = databases.get()) {
            ModelStore models = new ModelStore(database);
            for (String name : new String[] {"b-model", "B-model", "a-model", "_x", "Z"}) {
                models.create(model(name));
            }
            long provider = provider(database, "p");
            new MappingStore(database).create(mapping("a-model", provider, 0));

            Page<Model> page = models.list(Optional.empty(), new PageRequest(1, 10));

            assertThat(page.items())
                    .extracting(Model::requestedModel)
                    .containsExactly("B-model", "Z", "_x", "a-model", "b-model");
            assertThat(page.items()).extracting(Model::providerCount).containsExactly(0, 0, 0, 1, 0);
        }
    }

    @ParameterizedTest
    @MethodSource("com.llmgateway.store.TestDatabases#all")
    void refusesDuplicateModelsAndMappings(Supplier<Database> databases) {
        try (Database database = databases.get()) {
            new ModelStore(database).create(model("m"));
            long provider = provider(database, "p");
            MappingStore mappings = new MappingStore(database);
            mappings.create(mapping("m", provider, 0));

            assertThatThrownBy(() -> new ModelStore(database).create(model("m")))
                    .isInstanceOfSatisfying(
                            StoreException.class, e -> assertThat(e.code()).isEqualTo("duplicate_model"));
            assertThatThrownBy(() -> mappings.create(mapping("m", provider, 5)))
                    .isInstanceOfSatisfying(
                            StoreException.class, e -> assertThat(e.code()).isEqualTo("duplicate_mapping"));
        }
    }

    @ParameterizedTest
    @MethodSource("com.llmgateway.store.TestDatabases#all")
    void refusesMappingsToMissingModelsOrProviders(Supplier<Database> databases) {
        try (Database database = databases.get()) {
            new ModelStore(database).create(model("m"));
            long provider = provider(database, "p");
            MappingStore mappings = new MappingStore(database);

            assertThatThrownBy(() -> mappings.create(mapping("nope", provider, 0)))
                    .isInstanceOfSatisfying(
                            StoreException.class, e -> assertThat(e.code()).isEqualTo("model_not_found"));
            assertThatThrownBy(() -> mappings.create(mapping("m", provider + 100, 0)))
                    .isInstanceOfSatisfying(
                            StoreException.class, e -> assertThat(e.code()).isEqualTo("provider_not_found"));
        }
    }

    @ParameterizedTest
    @MethodSource("com.llmgateway.store.TestDatabases#all")
    void ordersMappingsByPriorityThenId(Supplier<Database> databases) {
        try (Database database = databases.get()) {
            new ModelStore(database).create(model("m"));
            MappingStore mappings = new MappingStore(database);
            long a = mappings.create(mapping("m", provider(database, "a"), 5)).id();
            long b = mappings.create(mapping("m", provider(database, "b"), -1)).id();
            long c = mappings.create(mapping("m", provider(database, "c"), 5)).id();

            assertThat(new ModelStore(database).get("m").mappings())
                    .extracting(Mapping::id)
                    .containsExactly(b, a, c);
            assertThat(mappings.list(new Mapping.Filter(Optional.of("m"), Optional.empty(), Optional.empty())))
                    .extracting(Mapping::id, Mapping::providerName)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(b, "b"),
                            org.assertj.core.groups.Tuple.tuple(a, "a"),
                            org.assertj.core.groups.Tuple.tuple(c, "c"));
        }
    }

    @ParameterizedTest
    @MethodSource("com.llmgateway.store.TestDatabases#all")
    void deletingAModelDeletesItsMappingsEvenWithoutForeignKeyEnforcement(Supplier<Database> databases)
            throws SQLException {
        try (Database database = databases.get()) {
            ModelStore models = new ModelStore(database);
            models.create(model("m"));
            models.create(model("other"));
            long provider = provider(database, "p");
            MappingStore mappings = new MappingStore(database);
            mappings.create(mapping("m", provider, 0));
            mappings.create(mapping("other", provider, 0));

            models.delete("m");

            assertThat(column(database, "SELECT COUNT(*) FROM model_mapping_providers WHERE requested_model = 'm'"))
                    .isEqualTo("0");
            assertThat(column(database, "SELECT COUNT(*) FROM model_mapping_providers"))
                    .isEqualTo("1");
            assertThatThrownBy(() -> models.delete("m"))
                    .isInstanceOfSatisfying(
                            StoreException.class, e -> assertThat(e.code()).isEqualTo("model_not_found"));
            execute(database, "SELECT 1"); // still usable
        }
    }

    @ParameterizedTest
    @MethodSource("com.llmgateway.store.TestDatabases#all")
    void updatesAndDeletesMappings(Supplier<Database> databases) {
        try (Database database = databases.get()) {
            new ModelStore(database).create(model("m"));
            MappingStore mappings = new MappingStore(database);
            Mapping created = mappings.create(mapping("m", provider(database, "p"), 0));

            Mapping updated = mappings.update(
                    created.id(),
                    new Mapping.Patch(
                            Optional.of("gpt-x"), Change.keep(), Optional.of(3), Optional.of(7), Optional.of(false)));
            mappings.delete(created.id());

            assertThat(updated.targetModelName()).isEqualTo("gpt-x");
            assertThat(updated.priority()).isEqualTo(3);
            assertThat(updated.weight()).isEqualTo(7);
            assertThat(updated.active()).isFalse();
            assertThatThrownBy(() -> mappings.delete(created.id()))
                    .isInstanceOfSatisfying(
                            StoreException.class, e -> assertThat(e.code()).isEqualTo("mapping_not_found"));
            assertThatThrownBy(() -> mappings.update(
                            created.id(),
                            new Mapping.Patch(
                                    Optional.empty(),
                                    Change.keep(),
                                    Optional.empty(),
                                    Optional.empty(),
                                    Optional.empty())))
                    .isInstanceOf(StoreException.class);
        }
    }

    static Model.Draft model(String name) {
        return new Model.Draft(name, "round_robin", Optional.empty(), Optional.empty(), true);
    }

    static Mapping.Draft mapping(String model, long provider, int priority) {
        return new Mapping.Draft(model, provider, "target-" + model, Optional.empty(), priority, 1, true);
    }

    static long provider(Database database, String name) {
        return new ProviderStore(database, SecretCipher.fromSecret("k"))
                .create(ProviderStoreTest.draft(name, Optional.empty()))
                .id();
    }
}
