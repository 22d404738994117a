package com.llmgateway.admin;

import static com.llmgateway.admin.AdminJson.detail;
import static com.llmgateway.admin.AdminJson.invalid;
import static com.llmgateway.admin.AdminJson.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.llmgateway.routing.ModelConfig;
import com.llmgateway.routing.ProviderConfig;
import com.llmgateway.testing.FakeUpstream;
import com.llmgateway.testing.Payloads;
import com.llmgateway.testing.Sdks;
import com.llmgateway.testing.TestGateway;
import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Seed-spec section 14: export and import of providers and models with their mappings. */
class ImportExportApiTest {
    private static final String PROVIDER_KEY = "sk-exported-secret-0123456789";
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static FakeUpstream upstream;
    private static TestGateway gw;

    @BeforeAll
    static void start() {
        upstream = FakeUpstream.start(FakeUpstream.json(200, Payloads.chatCompletion("gpt-target", "restored")));
        gw = TestGateway.start();
    }

    @AfterAll
    static void stop() {
        gw.close();
        upstream.close();
    }

    @Test
    void anExportImportedIntoAFreshGatewayReproducesTheConfigurationAndRoutes() {
        try (TestGateway source = TestGateway.start();
                TestGateway target = TestGateway.start()) {
            configure(source);
            JsonNode providers = ok(source.get("/api/admin/providers/export"), 200);
            JsonNode models = ok(source.get("/api/admin/models/export"), 200);

            JsonNode providersImported = ok(target.post("/api/admin/providers/import", providers.toString()), 200);
            JsonNode modelsImported = ok(target.post("/api/admin/models/import", models.toString()), 200);

            assertThat(providersImported.toString()).isEqualTo("{\"success\":3,\"skipped\":0}");
            assertThat(modelsImported.toString()).isEqualTo("{\"success\":2,\"skipped\":0,\"errors\":[]}");
            assertThat(ok(target.get("/api/admin/providers/export"), 200)).isEqualTo(providers);
            assertThat(ok(target.get("/api/admin/models/export"), 200)).isEqualTo(models);
            assertThat(providers.path(0).path("api_key").asText()).isEqualTo(PROVIDER_KEY);
            ModelConfig restored =
                    target.gateway().snapshots().get().model("gpt-test").orElseThrow();
            assertThat(restored.inputPrice()).isEqualByComparingTo("3");
            assertThat(restored.mappings().get(0).outputPrice()).isEqualByComparingTo("10");
            assertThat(answer(target)).isEqualTo("restored");
            FakeUpstream.Recorded seen = upstream.lastRequest();
            assertThat(seen.headers().get("authorization")).isEqualTo("Bearer " + PROVIDER_KEY);
            assertThat(seen.headers().get("x-org")).isEqualTo("acme");
            assertThat(seen.bodyText()).contains("\"model\":\"gpt-target\"");
        }
    }

    /** Every field an operator can set, on both kinds of provider, active and not. */
    private static void configure(TestGateway gateway) {
        ok(
                gateway.post(
                        "/api/admin/providers",
                        "{\"name\":\"openai-main\",\"base_url\":\"" + upstream.baseUrl()
                                + "\",\"protocol\":\"openai\",\"api_type\":\"chat\",\"api_key\":\"" + PROVIDER_KEY
                                + "\",\"extra_headers\":{\"X-Org\":\"acme\"}}"),
                201);
        ok(
                gateway.post(
                        "/api/admin/providers",
                        "{\"name\":\"anthropic-backup\",\"base_url\":\"https://api.anthropic.example/v1\","
                                + "\"protocol\":\"anthropic\",\"api_type\":\"chat\",\"is_active\":false}"),
                201);
        ok(
                gateway.post(
                        "/api/admin/providers",
                        "{\"name\":\"unused\",\"base_url\":\"http://unused.example\",\"protocol\":\"openai\","
                                + "\"api_type\":\"embedding\",\"api_key\":\"sk-unused-000000\",\"responses_api\":false}"),
                201);
        ok(
                gateway.post(
                        "/api/admin/models",
                        "{\"requested_model\":\"gpt-test\",\"strategy\":\"round_robin\",\"matching_rules\":"
                                + "{\"rules\":[{\"field\":\"model\",\"operator\":\"eq\",\"value\":\"gpt-test\"}],"
                                + "\"logic\":\"AND\"},\"capabilities\":{\"streaming\":true},"
                                + "\"input_price\":3,\"output_price\":15.25}"),
                201);
        ok(
                gateway.post(
                        "/api/admin/models",
                        "{\"requested_model\":\"idle/model\",\"is_active\":false,\"output_price\":0.0001}"),
                201);
        mapping(
                gateway,
                "openai-main",
                "\"target_model_name\":\"gpt-target\",\"priority\":0,\"weight\":3,\"output_price\":10,"
                        + "\"provider_rules\":{\"rules\":[{\"field\":\"token_usage.input_tokens\","
                        + "\"operator\":\"lt\",\"value\":100000}],\"logic\":\"AND\"}");
        mapping(
                gateway,
                "anthropic-backup",
                "\"target_model_name\":\"claude-x\",\"priority\":1,\"is_active\":false,\"input_price\":0.8,"
                        + "\"provider_rules\":{\"rules\":[{\"field\":\"headers.x-tier\",\"operator\":\"eq\","
                        + "\"value\":\"gold\"}],\"logic\":\"OR\"}");
    }

    private static void mapping(TestGateway gateway, String providerName, String fields) {
        long provider = providerId(gateway, providerName);
        ok(
                gateway.post(
                        "/api/admin/model-providers",
                        "{\"requested_model\":\"gpt-test\",\"provider_id\":" + provider + "," + fields + "}"),
                201);
    }

    private static long providerId(TestGateway gateway, String name) {
        return gateway.gateway().snapshots().get().providers().values().stream()
                .filter(provider -> provider.name().equals(name))
                .mapToLong(ProviderConfig::id)
                .findFirst()
                .orElseThrow();
    }

    /** A chat completion through the gateway with a gateway key made there, by the official SDK. */
    private static String answer(TestGateway gateway) {
        String key = ok(gateway.post("/api/admin/api-keys", "{\"key_name\":\"restore-check\"}"), 201)
                .path("key_value")
                .asText();
        OpenAIClient client = Sdks.openAi(gateway.baseUrl(), key);
        try {
            ChatCompletion completion = client.chat()
                    .completions()
                    .create(ChatCompletionCreateParams.builder()
                            .model("gpt-test")
                            .addUserMessage("Are you back?")
                            .build());
            return completion.choices().get(0).message().content().orElse("");
        } finally {
            client.close();
        }
    }

    @Test
    void theProviderExportHasKeysInClearWhileTheListStaysMasked() {
        String name = unique("keyed");
        ok(gw.post("/api/admin/providers", provider(name, "sk-clear-in-export-only-42")), 201);

        JsonNode exported = find(ok(gw.get("/api/admin/providers/export"), 200), "name", name);
        JsonNode listed =
                find(ok(gw.get("/api/admin/providers?page_size=100"), 200).path("items"), "name", name);

        assertThat(exported.path("api_key").asText()).isEqualTo("sk-clear-in-export-only-42");
        assertThat(listed.path("api_key").asText()).isEqualTo("sk-c***...***42");
    }

    @Test
    void providerImportSkipsExistingNamesAndLeavesThemAlone() {
        String existing = unique("existing");
        String fresh = unique("fresh");
        ok(gw.post("/api/admin/providers", provider(existing, "sk-original-000000")), 201);

        JsonNode result = ok(
                gw.post(
                        "/api/admin/providers/import",
                        "[" + provider(existing, "sk-replaced-111111") + "," + provider(fresh, "sk-fresh-222222") + ","
                                + provider(fresh, "sk-again-333333") + "]"),
                200);

        assertThat(result.toString()).isEqualTo("{\"success\":1,\"skipped\":2}");
        JsonNode exported = ok(gw.get("/api/admin/providers/export"), 200);
        assertThat(find(exported, "name", existing).path("api_key").asText()).isEqualTo("sk-original-000000");
        assertThat(find(exported, "name", fresh).path("api_key").asText()).isEqualTo("sk-fresh-222222");
        // The snapshot was reloaded before the answer.
        assertThat(gw.gateway().snapshots().get().providers().values()).anySatisfy(provider -> {
            assertThat(provider.name()).isEqualTo(fresh);
            assertThat(provider.apiKey()).hasValue("sk-fresh-222222");
        });
    }

    @Test
    void modelImportSkipsExistingModelsAndReportsMissingProviders() {
        String provider = unique("provider");
        ok(gw.post("/api/admin/providers", provider(provider, "sk-model-import-00")), 201);
        String existing = unique("existing-model");
        String created = unique("created-model");
        ok(gw.post("/api/admin/models", "{\"requested_model\":\"" + existing + "\",\"input_price\":1}"), 201);

        JsonNode result = ok(
                gw.post(
                        "/api/admin/models/import",
                        "[{\"requested_model\":\"" + existing + "\",\"input_price\":9},"
                                + "{\"requested_model\":\"" + created + "\",\"providers\":["
                                + "{\"provider_name\":\"ghost\",\"target_model_name\":\"g\"},"
                                + "{\"provider_name\":\"" + provider + "\",\"target_model_name\":\"t\"}]}]"),
                200);

        assertThat(result.path("success").asInt()).isEqualTo(1);
        assertThat(result.path("skipped").asInt()).isEqualTo(1);
        assertThat(result.path("errors")).hasSize(1);
        assertThat(result.path("errors").path(0).asText())
                .contains(created)
                .contains("'ghost'")
                .contains("skipped");
        assertThat(ok(gw.get("/api/admin/models/" + existing), 200)
                        .path("input_price")
                        .asInt())
                .isEqualTo(1);
        JsonNode detail = ok(gw.get("/api/admin/models/" + created), 200);
        assertThat(detail.path("providers")).hasSize(1);
        assertThat(detail.path("providers").path(0).path("provider_name").asText())
                .isEqualTo(provider);
        assertThat(detail.path("providers").path(0).path("weight").asInt()).isEqualTo(1);
        assertThat(detail.path("providers").path(0).path("is_active").asBoolean())
                .isTrue();
        assertThat(gw.gateway().snapshots().get().model(created).orElseThrow().mappings())
                .hasSize(1);
    }

    @Test
    void anEmptyImportChangesNothing() {
        assertThat(ok(gw.post("/api/admin/providers/import", "[]"), 200).toString())
                .isEqualTo("{\"success\":0,\"skipped\":0}");
        assertThat(ok(gw.post("/api/admin/models/import", "[]"), 200).toString())
                .isEqualTo("{\"success\":0,\"skipped\":0,\"errors\":[]}");
    }

    /**
     * One invalid item refuses the whole import with a 422 naming it by index; the valid item before it is not
     * written. {@code NAME} is replaced by a fresh name.
     */
    @ParameterizedTest(name = "{0} {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', textBlock = """
            providers | {}                                                                   | body
            providers | [1]                                                                  | [0]
            providers | [{"name":"NAME","base_url":"ftp://x","protocol":"openai","api_type":"chat"}] | [0].base_url
            providers | [{"name":"NAME","base_url":"http://x","protocol":"OpenAI","api_type":"chat"}] | [0].protocol
            providers | [{"name":"NAME","base_url":"http://x","protocol":"openai"}]         | [0].api_type
            providers | [{"name":"NAME","base_url":"http://x","protocol":"openai","api_type":"chat","extra_headers":{"A":"b\\nc"}}] | [0].extra_headers
            models    | {"requested_model":"NAME"}                                           | body
            models    | [{"requested_model":""}]                                             | [0].requested_model
            models    | [{"requested_model":"NAME","input_price":-1}]                        | [0].input_price
            models    | [{"requested_model":"NAME","output_price":0.00001}]                  | [0].output_price
            models    | [{"requested_model":"NAME","matching_rules":[1]}]                    | [0].matching_rules
            models    | [{"requested_model":"NAME","providers":{}}]                          | [0].providers
            models    | [{"requested_model":"NAME","providers":["p"]}]                       | [0].providers[0]
            models    | [{"requested_model":"NAME","providers":[{"target_model_name":"t"}]}] | [0].providers[0].provider_name
            models    | [{"requested_model":"NAME","providers":[{"provider_name":"p","target_model_name":"t","weight":0}]}] | [0].providers[0].weight
            models    | [{"requested_model":"NAME","providers":[{"provider_name":"p","target_model_name":"t","output_price":"1"}]}] | [0].providers[0].output_price
            """)
    void anInvalidItemRefusesTheWholeImport(String kind, String items, String field) {
        String valid = unique("valid");
        String first = kind.equals("providers")
                ? provider(valid, "sk-never-written-0")
                : "{\"requested_model\":\"" + valid + "\"}";
        String body = items.startsWith("[") ? "[" + first + "," + items.substring(1) : items;
        String expected = items.startsWith("[") ? field.replaceFirst("^\\[0]", "[1]") : field;

        invalid(gw.post("/api/admin/" + kind + "/import", body.replace("NAME", unique("bad"))), expected);

        JsonNode exported = ok(gw.get("/api/admin/" + kind + "/export"), 200);
        String key = kind.equals("providers") ? "name" : "requested_model";
        assertThat(exported.findValuesAsText(key)).doesNotContain(valid);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', textBlock = """
            truncated            | [{"name":"a"
            not JSON             | providers, please
            null                 | null
            a string             | "[]"
            duplicate keys       | [{"name":"a","name":"b","requested_model":"c","requested_model":"d"}]
            an unpaired surrogate| [{"name":"\\ud800","requested_model":"\\ud800"}]
            trailing tokens      | [] []
            """)
    void hostileImportBodiesAnswer422(String name, String body) {
        for (String kind : new String[] {"providers", "models"}) {
            invalid(gw.post("/api/admin/" + kind + "/import", body), "body");
        }
    }

    @Test
    void deeplyNestedAndNonUtf8ImportBodiesAnswer422() {
        byte[] notUtf8 = {'[', '{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}', ']'};
        String deep = "[".repeat(JsonBody.MAX_DEPTH + 1) + "]".repeat(JsonBody.MAX_DEPTH + 1);
        for (String kind : new String[] {"providers", "models"}) {
            invalid(gw.requestBytes("POST", "/api/admin/" + kind + "/import", notUtf8, Map.of()), "body");
            invalid(gw.post("/api/admin/" + kind + "/import", deep), "body");
        }
        assertThat(gw.get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void exportAndImportAreBehindTheAdminGuard() {
        try (TestGateway guarded = TestGateway.start(Map.of("ADMIN_USERNAME", "admin", "ADMIN_PASSWORD", "s3cret"))) {
            detail(guarded.get("/api/admin/providers/export"), 401, "Not authenticated");
            detail(guarded.get("/api/admin/models/export"), 401, "Not authenticated");
            detail(guarded.post("/api/admin/providers/import", "[]"), 401, "Not authenticated");
            detail(guarded.post("/api/admin/models/import", "[]"), 401, "Not authenticated");
        }
    }

    private static String provider(String name, String key) {
        return "{\"name\":\"" + name + "\",\"base_url\":\"https://api.example.com/v1\",\"protocol\":\"openai\","
                + "\"api_type\":\"chat\",\"api_key\":\"" + key + "\"}";
    }

    private static JsonNode find(JsonNode array, String field, String value) {
        for (JsonNode item : array) {
            if (item.path(field).asText().equals(value)) {
                return item;
            }
        }
        throw new AssertionError("no item with " + field + " = " + value + " in " + array);
    }

    private static String unique(String prefix) {
        return prefix + "-" + NAMES.incrementAndGet();
    }
}
