package com.llmgateway.store;

import static com.llmgateway.store.ModelAndMappingStoreTest.model;
import static com.llmgateway.store.PricesStoreTest.price;
import static com.llmgateway.store.PricesStoreTest.priced;
import static com.llmgateway.store.ProviderStoreTest.column;
import static com.llmgateway.store.ProviderStoreTest.draft;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.llmgateway.security.SecretCipher;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ImportStoreTest {
    private static final SecretCipher CIPHER = SecretCipher.fromSecret("k");

    @ParameterizedTest
    @MethodSource("com.llmgateway.store.TestDatabases#all")
    void importsNewProvidersWithEncryptedKeysAndSkipsExistingNames(Supplier<Database> databases) throws Exception {
        try (Database database = databases.get()) {
            ProviderStore providers = new ProviderStore(database, CIPHER);
            providers.create(draft("existing", Optional.of("sk-original-key-1")));

            ImportResult result = providers.importAll(List.of(
                    draft("new", Optional.of("sk-imported-key-2")),
                    draft("existing", Optional.of("sk-replacement-3")),
                    draft("keyless", Optional.empty()),
                    draft("new", Optional.of("sk-second-copy-4"))));

            assertThat(result).isEqualTo(new ImportResult(2, 2, List.of()));
            assertThat(providers.exportAll())
                    .extracting(Provider::name, Provider::apiKey)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("existing", Optional.of("sk-original-key-1")),
                            org.assertj.core.groups.Tuple.tuple("new", Optional.of("sk-imported-key-2")),
                            org.assertj.core.groups.Tuple.tuple("keyless", Optional.empty()));
            assertThat(column(database, "SELECT api_key FROM service_providers WHERE name = 'new'"))
                    .doesNotContain("sk-imported");
        }
    }

    @ParameterizedTest
    @MethodSource("com.llmgateway.store.TestDatabases#all")
    void importsModelsWithMappingsByProviderNameAndReportsWhatItLeftOut(Supplier<Database> databases) throws Exception {
        try (Database database = databases.get()) {
            ProviderStore providers = new ProviderStore(database, CIPHER);
            providers.create(draft("a", Optional.empty()));
            providers.create(draft("b", Optional.empty()));
            ModelStore models = new ModelStore(database);
            models.create(model("existing"));
            var rules = new ObjectMapper()
                    .readTree("{\"rules\":[{\"field\":\"model\",\"operator\":\"eq\",\"value\":\"x\"}]}");

            ImportResult result = models.importAll(List.of(
                    new ModelImport(
                            priced("chat", "3", "15"),
                            List.of(
                                    item("b", 2, Optional.of(rules), price("1")),
                                    item("missing", 0, Optional.empty(), Optional.empty()),
                                    item("a", 1, Optional.empty(), Optional.empty()),
                                    item("a", 5, Optional.empty(), Optional.empty()))),
                    new ModelImport(model("existing"), List.of(item("a", 0, Optional.empty(), Optional.empty()))),
                    new ModelImport(model("chat"), List.of()),
                    new ModelImport(model("lonely"), List.of())));

            assertThat(result.success()).isEqualTo(2);
            assertThat(result.skipped()).isEqualTo(2);
            assertThat(result.errors())
                    .containsExactly(
                            "Model 'chat': provider 'missing' does not exist; mapping skipped",
                            "Model 'chat': provider 'a' is listed more than once; later mapping skipped");
            List<ModelDetail> exported = models.exportAll();
            assertThat(exported)
                    .extracting(detail -> detail.model().requestedModel())
                    .containsExactly("chat", "existing", "lonely");
            ModelDetail chat = exported.get(0);
            assertThat(chat.model().inputPrice()).hasValue(new BigDecimal("3"));
            assertThat(chat.mappings())
                    .extracting(Mapping::providerName, Mapping::priority)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple("a", 1), org.assertj.core.groups.Tuple.tuple("b", 2));
            assertThat(chat.mappings().get(1).providerRules()).hasValue(rules);
            assertThat(chat.mappings().get(1).inputPrice()).hasValue(new BigDecimal("1"));
            assertThat(exported.get(1).mappings()).isEmpty();
        }
    }

    private static ModelImport.MappingItem item(
            String provider,
            int priority,
            Optional<com.fasterxml.jackson.databind.JsonNode> rules,
            Optional<BigDecimal> inputPrice) {
        return new ModelImport.MappingItem(
                provider, "target-" + provider, rules, priority, 1, true, inputPrice, Optional.empty());
    }
}
