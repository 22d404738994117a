package com.llmgateway.store;

import static com.llmgateway.store.ModelAndMappingStoreTest.mapping;
import static com.llmgateway.store.ModelAndMappingStoreTest.provider;
import static com.llmgateway.store.ProviderStoreTest.column;
import static org.assertj.core.api.Assertions.assertThat;

import com.llmgateway.routing.ModelConfig;
import com.llmgateway.security.SecretCipher;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PricesStoreTest {
    private static final Optional<BigDecimal> NONE = Optional.empty();

    @ParameterizedTest
    @MethodSource("com.llmgateway.store.TestDatabases#all")
    void keepsPricesExactlyFromTheSmallestToTheLargest(Supplier<Database> databases) throws SQLException {
        try (Database database = databases.get()) {
            ModelStore models = new ModelStore(database);
            models.create(priced("m", "0.0001", "99999999.9999"));
            long provider = provider(database, "p");
            Mapping.Draft draft = mapping("m", provider, 0);
            Mapping created = new MappingStore(database)
                    .create(new Mapping.Draft(
                            draft.requestedModel(),
                            draft.providerId(),
                            draft.targetModelName(),
                            draft.providerRules(),
                            draft.priority(),
                            draft.weight(),
                            draft.active(),
                            price("2.5000"),
                            price("0")));

            Model model = models.get("m").model();

            assertThat(model.inputPrice()).hasValue(new BigDecimal("0.0001"));
            assertThat(model.outputPrice()).hasValue(new BigDecimal("99999999.9999"));
            // Read back in the shortest plain form, whatever the database keeps.
            assertThat(created.inputPrice()).hasValue(new BigDecimal("2.5"));
            assertThat(created.outputPrice()).hasValue(new BigDecimal("0"));
            assertThat(new BigDecimal(column(database, "SELECT output_price FROM model_mappings")))
                    .isEqualByComparingTo("99999999.9999");
        }
    }

    @ParameterizedTest
    @MethodSource("com.llmgateway.store.TestDatabases#all")
    void updatesSetKeepAndClearPrices(Supplier<Database> databases) {
        try (Database database = databases.get()) {
            ModelStore models = new ModelStore(database);
            models.create(priced("m", "3", "15"));
            MappingStore mappings = new MappingStore(database);
            long id = mappings.create(mapping("m", provider(database, "p"), 0)).id();

            Model cleared = models.update(
                            "m",
                            new Model.Patch(
                                    Optional.empty(),
                                    Change.keep(),
                                    Change.keep(),
                                    Optional.empty(),
                                    Change.to(NONE),
                                    Change.keep()))
                    .model();
            Mapping set = mappings.update(
                    id,
                    new Mapping.Patch(
                            Optional.empty(),
                            Change.keep(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            Change.keep(),
                            Change.to(price("1.25"))));
            Mapping clearedAgain = mappings.update(
                    id,
                    new Mapping.Patch(
                            Optional.empty(),
                            Change.keep(),
                            Optional.empty(),
                            Optional.empty(),
                            Optional.empty(),
                            Change.to(NONE),
                            Change.to(NONE)));

            assertThat(cleared.inputPrice()).isEmpty();
            assertThat(cleared.outputPrice()).hasValue(new BigDecimal("15"));
            assertThat(set.inputPrice()).isEmpty();
            assertThat(set.outputPrice()).hasValue(new BigDecimal("1.25"));
            assertThat(clearedAgain.outputPrice()).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource("com.llmgateway.store.TestDatabases#all")
    void theSnapshotCarriesModelAndMappingPrices(Supplier<Database> databases) {
        try (Database database = databases.get()) {
            new ModelStore(database).create(priced("m", "3", null));
            long provider = provider(database, "p");
            long id =
                    new MappingStore(database).create(mapping("m", provider, 0)).id();
            new MappingStore(database)
                    .update(
                            id,
                            new Mapping.Patch(
                                    Optional.empty(),
                                    Change.keep(),
                                    Optional.empty(),
                                    Optional.empty(),
                                    Optional.empty(),
                                    Change.keep(),
                                    Change.to(price("0.5"))));

            ModelConfig model = new SnapshotLoader(database, SecretCipher.fromSecret("k"))
                    .load()
                    .model("m")
                    .orElseThrow();

            assertThat(model.inputPrice()).isEqualTo(new BigDecimal("3"));
            assertThat(model.outputPrice()).isNull();
            assertThat(model.mappings().get(0).inputPrice()).isNull();
            assertThat(model.mappings().get(0).outputPrice()).isEqualTo(new BigDecimal("0.5"));
        }
    }

    static Model.Draft priced(String name, String input, String output) {
        return new Model.Draft(
                name, "round_robin", Optional.empty(), Optional.empty(), true, price(input), price(output));
    }

    static Optional<BigDecimal> price(String value) {
        return Optional.ofNullable(value).map(BigDecimal::new);
    }
}
