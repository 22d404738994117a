package com.llmgateway.admin;

import static com.llmgateway.admin.AdminJson.ok;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.llmgateway.testing.TestGateway;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Sends 300 hostile bodies, each invalid by construction (truncated JSON, wrong types, deep nesting, huge strings,
 * invalid UTF-8, odd Unicode, not an object, duplicate keys), to every POST and PUT of the admin API. Every answer must
 * be a 4xx in JSON, and the gateway must keep serving afterwards. The seed makes a failure reproducible.
 */
class HostileInputTest {
    private static final long SEED = 20261129L;
    private static final int REQUESTS = 300;

    private enum Kind {
        TEXT,
        NULLABLE_TEXT,
        BOOL,
        INT,
        ID,
        OBJECT,
        RULES,
        HEADERS
    }

    /** One endpoint: where to send, a valid body, and the kind of each field it validates. */
    private record Endpoint(String method, String path, ObjectNode valid, Map<String, Kind> fields) {}

    private final Random random = new Random(SEED);

    @Test
    void everyHostileBodyGetsA4xxJsonAnswerAndTheGatewayKeepsServing() {
        try (TestGateway gw = TestGateway.start()) {
            List<Endpoint> endpoints = endpoints(gw);
            List<Function<Endpoint, byte[]>> mutations = List.of(
                    this::truncated,
                    this::wrongType,
                    this::deeplyNested,
                    this::hugeString,
                    this::invalidUtf8,
                    this::oddUnicode,
                    this::notAnObject,
                    this::duplicateKey);

            for (int i = 0; i < REQUESTS; i++) {
                Endpoint endpoint = endpoints.get(random.nextInt(endpoints.size()));
                int mutation = i % mutations.size();
                byte[] body = mutations.get(mutation).apply(endpoint);

                HttpResponse<String> answer = gw.requestBytes(endpoint.method(), endpoint.path(), body, Map.of());

                String what = "request " + i + " (seed " + SEED + ", mutation " + mutation + ") " + endpoint.method()
                        + " " + endpoint.path() + ": " + preview(body) + " -> " + answer.body();
                assertThat(answer.statusCode()).as(what).isBetween(400, 499);
                assertThat(answer.headers().firstValue("content-type")).as(what).hasValue("application/json");
                assertThat(AdminJson.json(answer).path("error").path("code").isTextual())
                        .as(what)
                        .isTrue();
            }

            assertThat(gw.get("/health").statusCode()).isEqualTo(200);
            ok(gw.post("/api/admin/api-keys", "{\"key_name\":\"still-serving\"}"), 201);
            assertThat(ok(gw.get("/api/admin/providers"), 200).path("total").asInt())
                    .isEqualTo(1);
        }
    }

    private static List<Endpoint> endpoints(TestGateway gw) {
        long provider = ProvidersApiTest.create(gw, "target");
        ok(gw.post("/api/admin/models", "{\"requested_model\":\"target\"}"), 201);
        long mapping = ok(
                        gw.post(
                                "/api/admin/model-providers",
                                "{\"requested_model\":\"target\",\"provider_id\":" + provider
                                        + ",\"target_model_name\":\"t\"}"),
                        201)
                .path("id")
                .asLong();
        long key = ok(gw.post("/api/admin/api-keys", "{\"key_name\":\"target\"}"), 201)
                .path("id")
                .asLong();

        Map<String, Kind> providerFields = Map.of(
                "name", Kind.TEXT,
                "base_url", Kind.TEXT,
                "protocol", Kind.TEXT,
                "api_type", Kind.TEXT,
                "api_key", Kind.NULLABLE_TEXT,
                "extra_headers", Kind.HEADERS,
                "is_active", Kind.BOOL);
        Map<String, Kind> modelFields = Map.of(
                "strategy",
                Kind.TEXT,
                "matching_rules",
                Kind.RULES,
                "capabilities",
                Kind.OBJECT,
                "is_active",
                Kind.BOOL);
        Map<String, Kind> mappingFields = Map.of(
                "target_model_name", Kind.TEXT,
                "provider_rules", Kind.RULES,
                "priority", Kind.INT,
                "weight", Kind.INT,
                "is_active", Kind.BOOL);
        Map<String, Kind> newModelFields = with(modelFields, "requested_model", Kind.TEXT);
        Map<String, Kind> newMappingFields =
                with(with(mappingFields, "requested_model", Kind.TEXT), "provider_id", Kind.ID);
        ObjectNode validMapping = AdminJson.object()
                .put("requested_model", "target")
                .put("provider_id", provider)
                .put("target_model_name", "t2");

        return List.of(
                new Endpoint("POST", "/api/admin/providers", ProvidersApiTest.body("new"), providerFields),
                new Endpoint(
                        "PUT", "/api/admin/providers/" + provider, ProvidersApiTest.body("renamed"), providerFields),
                new Endpoint(
                        "POST", "/api/admin/models", AdminJson.object().put("requested_model", "m"), newModelFields),
                new Endpoint(
                        "PUT", "/api/admin/models/target", AdminJson.object().put("strategy", "weighted"), modelFields),
                new Endpoint("POST", "/api/admin/model-providers", validMapping, newMappingFields),
                new Endpoint(
                        "PUT",
                        "/api/admin/model-providers/" + mapping,
                        AdminJson.object().put("priority", 1),
                        mappingFields),
                new Endpoint(
                        "POST",
                        "/api/admin/api-keys",
                        AdminJson.object().put("key_name", "k"),
                        Map.of("key_name", Kind.TEXT)),
                new Endpoint(
                        "PUT",
                        "/api/admin/api-keys/" + key,
                        AdminJson.object().put("key_name", "k2"),
                        Map.of("key_name", Kind.TEXT, "is_active", Kind.BOOL)));
    }

    /** Cut anywhere before the closing brace: never valid JSON. */
    private byte[] truncated(Endpoint endpoint) {
        byte[] full = utf8(endpoint.valid().toString());
        byte[] cut = new byte[random.nextInt(full.length - 1)];
        System.arraycopy(full, 0, cut, 0, cut.length);
        return cut;
    }

    private byte[] wrongType(Endpoint endpoint) {
        String field = anyField(endpoint);
        ObjectNode body = endpoint.valid().deepCopy();
        List<String> wrong = wrongValues(endpoint.fields().get(field));
        body.set(field, json(wrong.get(random.nextInt(wrong.size()))));
        return utf8(body.toString());
    }

    /** Deeper than the parser allows, as arrays or objects. */
    private byte[] deeplyNested(Endpoint endpoint) {
        int depth = JsonBody.MAX_DEPTH + 1 + random.nextInt(20_000);
        boolean arrays = random.nextBoolean();
        String open = arrays ? "[" : "{\"a\":";
        String close = arrays ? "]" : "}";
        String nested = open.repeat(depth) + "1" + close.repeat(depth);
        return utf8("{\"" + anyField(endpoint) + "\":" + nested + "}");
    }

    /** Longer than any field allows, sometimes longer than the body limit. */
    private byte[] hugeString(Endpoint endpoint) {
        String field = textField(endpoint);
        int length = random.nextInt(4) == 0 ? 1_100_000 + random.nextInt(200_000) : 4_100 + random.nextInt(100_000);
        StringBuilder text = new StringBuilder(length);
        String alphabet = "abcxyz0123 -_密钥é🔑";
        while (text.length() < length) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length() - 2)));
        }
        ObjectNode body = endpoint.valid().deepCopy().put(field, text.toString());
        return utf8(body.toString());
    }

    /** Bytes that are not UTF-8 inside a string value. */
    private byte[] invalidUtf8(Endpoint endpoint) {
        String field = textField(endpoint);
        byte[][] invalid = {
            {(byte) 0xFF},
            {(byte) 0xC3, 0x28},
            {(byte) 0xE2, (byte) 0x82},
            {(byte) 0xF8, (byte) 0x88},
            {(byte) 0xC0, (byte) 0xAF},
            {(byte) 0xED, (byte) 0xA0, (byte) 0x80}
        };
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8("{\"" + field + "\":\"ab"));
        out.writeBytes(invalid[random.nextInt(invalid.length)]);
        out.writeBytes(utf8("cd\"}"));
        return out.toByteArray();
    }

    /** Unpaired surrogates, control characters, or symbols a key name may not hold. */
    private byte[] oddUnicode(Endpoint endpoint) {
        String field = textField(endpoint);
        String[] odd = {"\\ud83d", "\\udc00x", "a\\u0000b", "\\u202eevil\\u0007", "line\\u2028\\nbreak", "\\u001b[31m"};
        String value = odd[random.nextInt(odd.length)];
        return utf8("{\"" + field + "\":\"" + value + "\"}");
    }

    private byte[] notAnObject(Endpoint endpoint) {
        String[] bodies = {
            "",
            " ",
            "null",
            "true",
            "42",
            "\"text\"",
            "[]",
            "[" + endpoint.valid() + "]",
            "<xml/>",
            "{'single':'quotes'}",
            "{\"a\":1,}",
            "NaN"
        };
        if (random.nextInt(4) == 0) {
            byte[] garbage = new byte[1 + random.nextInt(200)];
            random.nextBytes(garbage);
            garbage[0] = (byte) '#';
            return garbage;
        }
        return utf8(bodies[random.nextInt(bodies.length)]);
    }

    private byte[] duplicateKey(Endpoint endpoint) {
        String field = anyField(endpoint);
        String body = endpoint.valid().toString();
        return utf8(body.substring(0, body.length() - 1) + ",\"" + field + "\":"
                + endpoint.valid().path(field) + "}");
    }

    private static List<String> wrongValues(Kind kind) {
        return switch (kind) {
            case TEXT -> List.of("123", "true", "[]", "{}", "1.5", "null", "[\"a\"]");
            case NULLABLE_TEXT -> List.of("123", "false", "[]", "{\"k\":\"v\"}");
            case BOOL -> List.of("\"true\"", "1", "0", "\"yes\"", "[]", "{}", "null");
            case INT -> List.of("\"1\"", "1.5", "true", "[]", "{}", "1e3", "99999999999999999999999", "null", "-1e400");
            case ID -> List.of("\"1\"", "1.5", "true", "null", "[1]", "1" + "0".repeat(2_000));
            case OBJECT -> List.of("\"x\"", "1", "true", "[]", "[{}]");
            case RULES -> List.of("\"x\"", "1", "false", "[]", "[{\"field\":\"model\"}]");
            case HEADERS ->
                List.of("\"x\"", "1", "true", "[]", "{\"bad name\":\"v\"}", "{\"k\":1}", "{\"k\":\"a\\nb\"}");
        };
    }

    private String anyField(Endpoint endpoint) {
        List<String> fields = new ArrayList<>(endpoint.fields().keySet());
        fields.sort(null);
        return fields.get(random.nextInt(fields.size()));
    }

    private String textField(Endpoint endpoint) {
        List<String> fields = new ArrayList<>();
        endpoint.fields().forEach((name, kind) -> {
            if (kind == Kind.TEXT) {
                fields.add(name);
            }
        });
        fields.sort(null);
        return fields.get(random.nextInt(fields.size()));
    }

    private static Map<String, Kind> with(Map<String, Kind> fields, String name, Kind kind) {
        Map<String, Kind> copy = new java.util.HashMap<>(fields);
        copy.put(name, kind);
        return copy;
    }

    private static JsonNode json(String literal) {
        try {
            return AdminJson.JSON.readTree(literal);
        } catch (Exception e) {
            throw new IllegalArgumentException(literal, e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String preview(byte[] body) {
        String text = new String(body, 0, Math.min(body.length, 120), StandardCharsets.UTF_8);
        return text + (body.length > 120 ? "... (" + body.length + " bytes)" : "");
    }
}
