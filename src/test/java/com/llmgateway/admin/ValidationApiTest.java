package com.llmgateway.admin;

import static com.llmgateway.admin.AdminJson.invalid;
import static com.llmgateway.admin.AdminJson.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmgateway.testing.TestGateway;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every validation rule answers 422 naming its field. Each row takes a valid body for the endpoint and sets one field
 * to a JSON literal ({@code <absent>} removes it; {@code <x*101>} is a string of 101 x).
 */
class ValidationApiTest {
    private static final Pattern REPEAT = Pattern.compile("<(.)\\*(\\d+)>");
    private static TestGateway gw;
    private static Map<String, String> ids;

    @BeforeAll
    static void start() {
        gw = TestGateway.start();
        long provider = ProvidersApiTest.create(gw, "valid-provider");
        ok(gw.post("/api/admin/models", "{\"requested_model\":\"valid-model\"}"), 201);
        long mapping = ok(
                        gw.post(
                                "/api/admin/model-providers",
                                "{\"requested_model\":\"valid-model\",\"provider_id\":" + provider
                                        + ",\"target_model_name\":\"t\"}"),
                        201)
                .path("id")
                .asLong();
        long key = ok(gw.post("/api/admin/api-keys", "{\"key_name\":\"valid-key\"}"), 201)
                .path("id")
                .asLong();
        ids = Map.of(
                "{provider}", String.valueOf(provider),
                "{mapping}", String.valueOf(mapping),
                "{key}", String.valueOf(key));
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    @ParameterizedTest(name = "{0} {1}: {2} = {3}")
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', textBlock = """
            POST | /api/admin/providers           | name              | <absent>
            POST | /api/admin/providers           | name              | ""
            POST | /api/admin/providers           | name              | "<a*101>"
            POST | /api/admin/providers           | name              | 123
            POST | /api/admin/providers           | name              | null
            POST | /api/admin/providers           | name              | "line\\nbreak"
            POST | /api/admin/providers           | base_url          | <absent>
            POST | /api/admin/providers           | base_url          | "ftp://files.example.com"
            POST | /api/admin/providers           | base_url          | "api.openai.com/v1"
            POST | /api/admin/providers           | base_url          | "https://"
            POST | /api/admin/providers           | base_url          | "/v1"
            POST | /api/admin/providers           | base_url          | "https://exa mple.com"
            POST | /api/admin/providers           | base_url          | "http://host:99999/v1"
            POST | /api/admin/providers           | base_url          | "https://<a*500>.com"
            POST | /api/admin/providers           | base_url          | {}
            POST | /api/admin/providers           | protocol          | <absent>
            POST | /api/admin/providers           | protocol          | "gemini"
            POST | /api/admin/providers           | protocol          | "OpenAI"
            POST | /api/admin/providers           | protocol          | 1
            POST | /api/admin/providers           | api_type          | <absent>
            POST | /api/admin/providers           | api_type          | ""
            POST | /api/admin/providers           | api_type          | "<a*51>"
            POST | /api/admin/providers           | api_type          | ["chat"]
            POST | /api/admin/providers           | api_key           | 5
            POST | /api/admin/providers           | api_key           | "sk-\\r\\nX-Injected: 1"
            POST | /api/admin/providers           | api_key           | "<k*4097>"
            POST | /api/admin/providers           | extra_headers     | "X-A: b"
            POST | /api/admin/providers           | extra_headers     | [["X-A","b"]]
            POST | /api/admin/providers           | extra_headers     | {"Bad Name":"v"}
            POST | /api/admin/providers           | extra_headers     | {"":"v"}
            POST | /api/admin/providers           | extra_headers     | {"X-A":1}
            POST | /api/admin/providers           | extra_headers     | {"X-A":null}
            POST | /api/admin/providers           | extra_headers     | {"X-A":"a\\r\\nX-B: c"}
            POST | /api/admin/providers           | is_active         | "true"
            POST | /api/admin/providers           | is_active         | 1
            POST | /api/admin/providers           | include_stream_usage | "true"
            POST | /api/admin/providers           | include_stream_usage | null
            POST | /api/admin/providers           | responses_api     | "false"
            POST | /api/admin/providers           | responses_api     | null
            PUT  | /api/admin/providers/{provider} | name             | ""
            PUT  | /api/admin/providers/{provider} | name             | null
            PUT  | /api/admin/providers/{provider} | base_url         | "localhost"
            PUT  | /api/admin/providers/{provider} | protocol         | "grpc"
            PUT  | /api/admin/providers/{provider} | api_key          | false
            PUT  | /api/admin/providers/{provider} | extra_headers    | 5
            PUT  | /api/admin/providers/{provider} | is_active        | null
            PUT  | /api/admin/providers/{provider} | include_stream_usage | 1
            PUT  | /api/admin/providers/{provider} | responses_api     | 0
            POST | /api/admin/providers           | timeouts          | "60s"
            POST | /api/admin/providers           | timeouts          | {"idle_ms":-1}
            POST | /api/admin/providers           | timeouts          | {"idle_ms":1.5}
            POST | /api/admin/providers           | timeouts          | {"idle":1000}
            POST | /api/admin/providers           | timeouts          | {"total_ms":86400001}
            POST | /api/admin/providers           | health            | []
            POST | /api/admin/providers           | health            | {"error_ratio":2}
            POST | /api/admin/providers           | health            | {"min_requests":0}
            POST | /api/admin/providers           | health            | {"window_ms":500}
            POST | /api/admin/providers           | health            | {"cooldown":1000}
            PUT  | /api/admin/providers/{provider} | timeouts         | {"connect_ms":"5000"}
            PUT  | /api/admin/providers/{provider} | health           | {"cooldown_ms":1000,"max_cooldown_ms":10}
            POST | /api/admin/models              | requested_model   | <absent>
            POST | /api/admin/models              | requested_model   | ""
            POST | /api/admin/models              | requested_model   | "<m*101>"
            POST | /api/admin/models              | requested_model   | 4
            POST | /api/admin/models              | requested_model   | "nul\\u0000byte"
            POST | /api/admin/models              | strategy          | ""
            POST | /api/admin/models              | strategy          | "round robin"
            POST | /api/admin/models              | strategy          | 7
            POST | /api/admin/models              | strategy          | "fastest"
            POST | /api/admin/models              | strategy          | "Round_Robin"
            POST | /api/admin/models              | error_policy      | "lenient"
            POST | /api/admin/models              | error_policy      | 5
            POST | /api/admin/models              | error_policy      | {"on_5xx":"retry"}
            POST | /api/admin/models              | error_policy      | {"on_teapot":"fail_over"}
            POST | /api/admin/models              | error_policy      | {"preset":"strict"}
            POST | /api/admin/models              | timeouts          | {"first_byte_ms":0}
            POST | /api/admin/models              | timeouts          | [1000]
            PUT  | /api/admin/models/valid-model  | strategy          | "cheapest_first"
            PUT  | /api/admin/models/valid-model  | error_policy      | ["original"]
            PUT  | /api/admin/models/valid-model  | timeouts          | {"idle_ms":null,"total":5}
            POST | /api/admin/models              | matching_rules    | "model == x"
            POST | /api/admin/models              | matching_rules    | [1]
            POST | /api/admin/models              | capabilities      | "streaming"
            POST | /api/admin/models              | capabilities      | [1]
            POST | /api/admin/models              | capabilities      | true
            POST | /api/admin/models              | is_active         | "yes"
            PUT  | /api/admin/models/valid-model  | strategy          | null
            PUT  | /api/admin/models/valid-model  | matching_rules    | 5
            PUT  | /api/admin/models/valid-model  | capabilities      | []
            PUT  | /api/admin/models/valid-model  | is_active         | 0
            POST | /api/admin/model-providers     | requested_model   | <absent>
            POST | /api/admin/model-providers     | requested_model   | ""
            POST | /api/admin/model-providers     | provider_id       | <absent>
            POST | /api/admin/model-providers     | provider_id       | "1"
            POST | /api/admin/model-providers     | provider_id       | 1.5
            POST | /api/admin/model-providers     | provider_id       | 99999999999999999999
            POST | /api/admin/model-providers     | provider_id       | null
            POST | /api/admin/model-providers     | target_model_name | <absent>
            POST | /api/admin/model-providers     | target_model_name | ""
            POST | /api/admin/model-providers     | target_model_name | "<t*101>"
            POST | /api/admin/model-providers     | provider_rules    | "always"
            POST | /api/admin/model-providers     | priority          | "1"
            POST | /api/admin/model-providers     | priority          | 1.0
            POST | /api/admin/model-providers     | priority          | 2147483648
            POST | /api/admin/model-providers     | priority          | 1e3
            POST | /api/admin/model-providers     | weight            | 0
            POST | /api/admin/model-providers     | weight            | -1
            POST | /api/admin/model-providers     | weight            | "2"
            POST | /api/admin/model-providers     | weight            | 1000001
            POST | /api/admin/model-providers     | is_active         | "false"
            PUT  | /api/admin/model-providers/{mapping} | target_model_name | 5
            PUT  | /api/admin/model-providers/{mapping} | provider_rules    | [true]
            PUT  | /api/admin/model-providers/{mapping} | priority          | null
            PUT  | /api/admin/model-providers/{mapping} | weight            | 0
            POST | /api/admin/api-keys            | key_name          | <absent>
            POST | /api/admin/api-keys            | key_name          | ""
            POST | /api/admin/api-keys            | key_name          | "<k*101>"
            POST | /api/admin/api-keys            | key_name          | "a/b"
            POST | /api/admin/api-keys            | key_name          | "<script>"
            POST | /api/admin/api-keys            | key_name          | "tab\\tname"
            POST | /api/admin/api-keys            | key_name          | "emoji 🔑"
            POST | /api/admin/api-keys            | key_name          | 5
            PUT  | /api/admin/api-keys/{key}      | key_name          | ""
            PUT  | /api/admin/api-keys/{key}      | is_active         | "false"
            """)
    void answers422NamingTheField(String method, String path, String field, String literal) {
        ObjectNode body = validBody(method, path);
        if (literal.equals("<absent>")) {
            body.remove(field);
        } else {
            body.set(field, parse(expand(literal)));
        }

        HttpResponse<String> response = gw.request(method, resolve(path), body.toString(), Map.of());

        JsonNode error = invalid(response, field);
        assertThat(error.path("detail").path(0).path("loc").toString()).isEqualTo("[\"body\",\"" + field + "\"]");
    }

    @ParameterizedTest(name = "{0} {1}: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\u0000', textBlock = """
            POST | /api/admin/providers          | <empty>
            POST | /api/admin/providers          | {
            POST | /api/admin/providers          | []
            POST | /api/admin/models             | "gpt-4o"
            POST | /api/admin/models             | null
            POST | /api/admin/model-providers    | 42
            POST | /api/admin/api-keys           | {"key_name":"a","key_name":"b"}
            POST | /api/admin/api-keys           | {"key_name":"a"} trailing
            POST | /api/admin/api-keys           | {"key_name":"\\ud800"}
            PUT  | /api/admin/api-keys/{key}     | not json
            PUT  | /api/admin/models/valid-model | [{"is_active":true}]
            POST | /api/auth/login               | {username: "admin"}
            """)
    void answers422ForABodyThatIsNotAJsonObject(String method, String path, String raw) {
        String body = raw.equals("<empty>") ? "" : raw;

        HttpResponse<String> response = gw.requestBytes(
                method, resolve(path), body.getBytes(StandardCharsets.UTF_8), Map.of("content-type", "text/plain"));

        JsonNode error = invalid(response, "body");
        assertThat(error.path("detail").path(0).path("loc").toString()).isEqualTo("[\"body\"]");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            /api/admin/model-providers?provider_id=abc        | provider_id
            /api/admin/model-providers?is_active=2            | is_active
            /api/admin/model-providers?requested_model=a%00b  | requested_model
            /api/admin/models?page_size=1000                  | page_size
            /api/admin/api-keys?page=0                        | page
            /api/admin/models/a%01b                           | requested_model
            /api/admin/api-keys/1.5                           | id
            /api/admin/model-providers/x                      | id
            """)
    void answers422ForBadQueryAndPathParameters(String path, String field) {
        String method = path.startsWith("/api/admin/model-providers/") ? "DELETE" : "GET";

        invalid(gw.request(method, path, (String) null, Map.of()), field);
    }

    private static ObjectNode validBody(String method, String path) {
        if (method.equals("PUT")) {
            return AdminJson.object();
        }
        if (path.endsWith("/providers")) {
            return ProvidersApiTest.body("new-provider");
        }
        if (path.endsWith("/models")) {
            return AdminJson.object().put("requested_model", "new-model");
        }
        if (path.endsWith("/model-providers")) {
            return AdminJson.object()
                    .put("requested_model", "valid-model")
                    .put("provider_id", Long.parseLong(ids.get("{provider}")))
                    .put("target_model_name", "t");
        }
        return AdminJson.object().put("key_name", "new-key");
    }

    private static String resolve(String path) {
        String resolved = path;
        for (Map.Entry<String, String> id : ids.entrySet()) {
            resolved = resolved.replace(id.getKey(), id.getValue());
        }
        return resolved;
    }

    private static String expand(String literal) {
        Matcher matcher = REPEAT.matcher(literal);
        StringBuilder expanded = new StringBuilder();
        while (matcher.find()) {
            matcher.appendReplacement(expanded, matcher.group(1).repeat(Integer.parseInt(matcher.group(2))));
        }
        return matcher.appendTail(expanded).toString();
    }

    private static JsonNode parse(String literal) {
        try {
            return AdminJson.JSON.readTree(literal);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("bad test literal " + literal, e);
        }
    }
}
