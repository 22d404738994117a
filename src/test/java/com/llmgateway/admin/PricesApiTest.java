package com.llmgateway.admin;

import static com.llmgateway.admin.AdminJson.invalid;
import static com.llmgateway.admin.AdminJson.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.llmgateway.routing.MappingConfig;
import com.llmgateway.routing.ModelConfig;
import com.llmgateway.testing.TestGateway;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code input_price} and {@code output_price} on models and mappings: USD per million tokens, or null. */
class PricesApiTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static TestGateway gw;

    @BeforeAll
    static void start() {
        gw = TestGateway.start();
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @Test
    void aModelWithoutPricesAnswersNulls() {
        String name = "model-" + NAMES.incrementAndGet();

        JsonNode created = ok(gw.post("/api/admin/models", "{\"requested_model\":\"" + name + "\"}"), 201);

        assertThat(created.path("input_price").isNull()).isTrue();
        assertThat(created.path("output_price").isNull()).isTrue();
        ModelConfig config = gw.gateway().snapshots().get().model(name).orElseThrow();
        assertThat(config.inputPrice()).isNull();
        assertThat(config.outputPrice()).isNull();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2.5            | 2.5
            2.50000        | 2.5
            0              | 0
            0.0001         | 0.0001
            15             | 15
            1e2            | 100
            99999999.9999  | 99999999.9999
            """)
    void modelPricesAreJsonNumbersInTheSnapshotToo(String sent, String answered) {
        String name = "model-" + NAMES.incrementAndGet();

        HttpResponse<String> created = gw.post(
                "/api/admin/models",
                "{\"requested_model\":\"" + name + "\",\"input_price\":" + sent + ",\"output_price\":" + sent + "}");
        HttpResponse<String> read = gw.get("/api/admin/models/" + name);

        // On the wire, not through a test parser that would read 0.0001 as the double 1.0E-4.
        assertThat(ok(created, 201).path("input_price").isNumber()).isTrue();
        assertThat(created.body())
                .contains("\"input_price\":" + answered + ",")
                .contains("\"output_price\":" + answered + ",");
        assertThat(read.body()).contains("\"input_price\":" + answered + ",");
        assertThat(gw.get("/api/admin/models?page_size=100").body()).contains("\"input_price\":" + answered + ",");
        assertThat(gw.gateway().snapshots().get().model(name).orElseThrow().inputPrice())
                .isEqualByComparingTo(answered);
    }

    @Test
    void modelUpdatesChangeOnlyThePricesSentAndNullClears() {
        String name = "model-" + NAMES.incrementAndGet();
        ok(
                gw.post(
                        "/api/admin/models",
                        "{\"requested_model\":\"" + name + "\",\"input_price\":3,\"output_price\":15}"),
                201);

        JsonNode kept = ok(gw.put("/api/admin/models/" + name, "{\"is_active\":true}"), 200);
        JsonNode changed = ok(gw.put("/api/admin/models/" + name, "{\"output_price\":12.5}"), 200);
        JsonNode cleared = ok(gw.put("/api/admin/models/" + name, "{\"input_price\":null}"), 200);

        assertThat(kept.path("input_price").decimalValue()).isEqualByComparingTo("3");
        assertThat(changed.path("input_price").decimalValue()).isEqualByComparingTo("3");
        assertThat(changed.path("output_price").decimalValue()).isEqualByComparingTo("12.5");
        assertThat(cleared.path("input_price").isNull()).isTrue();
        assertThat(cleared.path("output_price").decimalValue()).isEqualByComparingTo("12.5");
        ModelConfig config = gw.gateway().snapshots().get().model(name).orElseThrow();
        assertThat(config.inputPrice()).isNull();
        assertThat(config.outputPrice()).isEqualByComparingTo("12.5");
    }

    @Test
    void mappingsCarryTheirOwnPricesInEveryAnswerAndTheSnapshot() {
        String name = "model-" + NAMES.incrementAndGet();
        ok(gw.post("/api/admin/models", "{\"requested_model\":\"" + name + "\",\"input_price\":3}"), 201);
        long provider = ProvidersApiTest.create(gw, ProvidersApiTest.uniqueName());

        JsonNode created = ok(
                gw.post(
                        "/api/admin/model-providers",
                        "{\"requested_model\":\"" + name + "\",\"provider_id\":" + provider
                                + ",\"target_model_name\":\"t\",\"output_price\":0.6}"),
                201);
        long id = created.path("id").asLong();
        JsonNode updated =
                ok(gw.put("/api/admin/model-providers/" + id, "{\"input_price\":1.1,\"output_price\":null}"), 200);
        JsonNode listed = ok(gw.get("/api/admin/model-providers?requested_model=" + name), 200);
        JsonNode detail = ok(gw.get("/api/admin/models/" + name), 200);

        assertThat(created.path("input_price").isNull()).isTrue();
        assertThat(created.path("output_price").toString()).isEqualTo("0.6");
        assertThat(updated.path("input_price").toString()).isEqualTo("1.1");
        assertThat(updated.path("output_price").isNull()).isTrue();
        assertThat(listed.path("items").path(0).path("input_price").toString()).isEqualTo("1.1");
        assertThat(detail.path("providers").path(0).path("input_price").toString())
                .isEqualTo("1.1");
        assertThat(detail.path("input_price").toString()).isEqualTo("3");
        MappingConfig mapping = gw.gateway()
                .snapshots()
                .get()
                .model(name)
                .orElseThrow()
                .mappings()
                .get(0);
        assertThat(mapping.inputPrice()).isEqualByComparingTo(new BigDecimal("1.1"));
        assertThat(mapping.outputPrice()).isNull();
    }

    /** Each invalid value on each of the four create and update endpoints, for both fields. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            -0.0001
            -1
            0.00001
            1.23456
            100000000
            99999999.99991
            1e9
            1e400
            -1e400
            123456789012345678901234567890
            "2.5"
            ""
            true
            {}
            [1]
            """)
    void invalidPricesAnswer422NamingTheField(String value) {
        String model = "model-" + NAMES.incrementAndGet();
        ok(gw.post("/api/admin/models", "{\"requested_model\":\"" + model + "\"}"), 201);
        long provider = ProvidersApiTest.create(gw, ProvidersApiTest.uniqueName());
        long mapping = ok(
                        gw.post(
                                "/api/admin/model-providers",
                                "{\"requested_model\":\"" + model + "\",\"provider_id\":" + provider
                                        + ",\"target_model_name\":\"t\"}"),
                        201)
                .path("id")
                .asLong();

        for (String field : new String[] {"input_price", "output_price"}) {
            invalid(
                    gw.post(
                            "/api/admin/models",
                            "{\"requested_model\":\"x-" + model + "\",\"" + field + "\":" + value + "}"),
                    field);
            invalid(gw.put("/api/admin/models/" + model, "{\"" + field + "\":" + value + "}"), field);
            invalid(
                    gw.post(
                            "/api/admin/model-providers",
                            "{\"requested_model\":\"" + model + "\",\"provider_id\":" + provider
                                    + ",\"target_model_name\":\"t\",\"" + field + "\":" + value + "}"),
                    field);
            invalid(gw.put("/api/admin/model-providers/" + mapping, "{\"" + field + "\":" + value + "}"), field);
        }
        // Nothing was written.
        assertThat(gw.get("/api/admin/models/x-" + model).statusCode()).isEqualTo(404);
        assertThat(ok(gw.get("/api/admin/models/" + model), 200)
                        .path("input_price")
                        .isNull())
                .isTrue();
    }
}
