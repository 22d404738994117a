package com.llmgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.anthropic.client.AnthropicClient;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.models.ErrorType;
import com.anthropic.models.messages.MessageCreateParams;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.llmgateway.protocol.Protocol;
import com.llmgateway.testing.FakeUpstream;
import com.llmgateway.testing.Http;
import com.llmgateway.testing.Payloads;
import com.llmgateway.testing.Routing;
import com.llmgateway.testing.Sdks;
import com.llmgateway.testing.TestGateway;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonMissing;
import com.openai.core.JsonValue;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.errors.NotFoundException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.UnauthorizedException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The errors of seed-spec sections 5.2 and 5.3, with our departure 1: each official SDK raises its own typed exception,
 * and the raw bodies have the client protocol's error shape. None of them reaches a provider.
 */
class ProxyErrorsTest {
    static final ObjectMapper JSON = new ObjectMapper();

    static final String UNKNOWN_KEY = "lgw-unknown-ffffffffffffffffffffffffffffffff";

    static FakeUpstream openAiUpstream;
    static FakeUpstream anthropicUpstream;
    static TestGateway gw;

    @BeforeAll
    static void start() {
        openAiUpstream = FakeUpstream.start(FakeUpstream.json(200, Payloads.chatCompletion("target", "ok")));
        anthropicUpstream = FakeUpstream.start(FakeUpstream.json(200, Payloads.anthropicMessage("target", "ok")));
        gw = TestGateway.start();
        gw.routing(Routing.builder()
                .provider(1, openAiUpstream.baseUrl(), Protocol.OPENAI)
                .provider(2, anthropicUpstream.baseUrl(), Protocol.ANTHROPIC)
                .inactiveProvider(3, openAiUpstream.baseUrl(), Protocol.OPENAI)
                .inactiveProvider(4, anthropicUpstream.baseUrl(), Protocol.ANTHROPIC)
                .map("disabled-model", 1, "target", 0)
                .map("disabled-model", 2, "target", 1)
                .model("disabled-model", false)
                .model("no-mappings", true)
                .inactiveMap("inactive-mappings", 1, "target", 0)
                .inactiveMap("inactive-mappings", 2, "target", 1)
                .map("inactive-providers", 3, "target", 0)
                .map("inactive-providers", 4, "target", 1)
                .build());
    }

    @AfterEach
    void nothingReachedAProvider() {
        assertThat(openAiUpstream.count()).isZero();
        assertThat(anthropicUpstream.count()).isZero();
    }

    @AfterAll
    static void stop() {
        gw.close();
        openAiUpstream.close();
        anthropicUpstream.close();
    }

    // ---- OpenAI SDK ----

    private static OpenAIClient openAi(String key) {
        return Sdks.openAi(gw.baseUrl(), key);
    }

    private static <T extends OpenAIServiceException> T openAiChatFails(
            String key, ChatCompletionCreateParams params, Class<T> type) {
        OpenAIClient client = openAi(key);
        try {
            return catchThrowableOfType(type, () -> client.chat().completions().create(params));
        } finally {
            client.close();
        }
    }

    private static ChatCompletionCreateParams chat(String model) {
        return ChatCompletionCreateParams.builder()
                .model(model)
                .addUserMessage("hi")
                .build();
    }

    private static void assertOpenAi(
            OpenAIServiceException e, int status, String type, String code, String messageFragment) {
        assertThat(e).as("expected an exception").isNotNull();
        assertThat(e.statusCode()).isEqualTo(status);
        assertThat(e.type()).hasValue(type);
        assertThat(e.code()).hasValue(code);
        assertThat(e.body().toString()).contains(messageFragment);
        assertThat(e.getMessage()).contains(messageFragment);
    }

    @Test
    void openAiSdkWithAnUnknownKeyGetsUnauthorized() {
        UnauthorizedException e = openAiChatFails(UNKNOWN_KEY, chat("whatever"), UnauthorizedException.class);

        assertOpenAi(e, 401, "authentication_error", "invalid_api_key", "Invalid API Key");
    }

    @Test
    void openAiSdkWithADisabledKeyGetsUnauthorized() {
        UnauthorizedException e = openAiChatFails(Routing.DISABLED_KEY, chat("whatever"), UnauthorizedException.class);

        assertOpenAi(e, 401, "authentication_error", "api_key_disabled", "API Key is disabled");
    }

    @Test
    void openAiSdkWithAnEmptyKeyGetsUnauthorized() {
        // The SDK cannot omit the header: it sends "Bearer " and HTTP trims the trailing space, so the gateway is
        // presented with the word "Bearer" as a key (as the original was). A request without any key is a raw case.
        UnauthorizedException e = openAiChatFails("", chat("whatever"), UnauthorizedException.class);

        assertOpenAi(e, 401, "authentication_error", "invalid_api_key", "Invalid API Key");
    }

    @Test
    void openAiSdkListingModelsWithABadKeyGetsUnauthorized() {
        OpenAIClient client = openAi(UNKNOWN_KEY);
        try {
            UnauthorizedException e = catchThrowableOfType(
                    UnauthorizedException.class, () -> client.models().list());

            assertOpenAi(e, 401, "authentication_error", "invalid_api_key", "Invalid API Key");
        } finally {
            client.close();
        }
    }

    @Test
    void openAiSdkWithAnUnknownModelGetsNotFound() {
        NotFoundException e = openAiChatFails(Routing.KEY, chat("no-such-model"), NotFoundException.class);

        assertOpenAi(e, 404, "not_found_error", "model_not_found", "no-such-model");
    }

    @Test
    void openAiSdkWithoutAModelGetsBadRequest() {
        @SuppressWarnings("unchecked")
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model(JsonMissing.of())
                .addUserMessage("hi")
                .build();

        BadRequestException e = openAiChatFails(Routing.KEY, params, BadRequestException.class);

        assertOpenAi(e, 400, "invalid_request_error", "missing_model", "model");
        assertThat(e.param()).hasValue("model");
    }

    @Test
    void openAiSdkWithANumericModelGetsBadRequest() {
        @SuppressWarnings("unchecked")
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model(JsonValue.from(42))
                .addUserMessage("hi")
                .build();

        BadRequestException e = openAiChatFails(Routing.KEY, params, BadRequestException.class);

        assertOpenAi(e, 400, "invalid_request_error", "invalid_model", "must be a string");
        assertThat(e.param()).hasValue("model");
    }

    static Stream<Arguments> unavailable() {
        return Stream.of(
                Arguments.of("disabled-model", "model_disabled", "disabled"),
                Arguments.of("no-mappings", "no_available_provider", "No active provider"),
                Arguments.of("inactive-mappings", "no_available_provider", "No active provider"),
                Arguments.of("inactive-providers", "no_available_provider", "No providers matched the rules"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unavailable")
    void openAiSdkGetsA503ForAModelThatCannotBeServed(String model, String code, String messageFragment) {
        InternalServerException e = openAiChatFails(Routing.KEY, chat(model), InternalServerException.class);

        assertOpenAi(e, 503, "service_error", code, messageFragment);
    }

    // ---- Anthropic SDK ----
    // A missing or non-string model cannot be sent with this SDK: it reads params.model() before sending and throws
    // AnthropicInvalidDataException ("`model` is not set", "`model` is invalid, received 42"). The raw table covers
    // both on /v1/messages.

    private static AnthropicClient anthropic(String key) {
        return Sdks.anthropic(gw.baseUrl(), key);
    }

    private static <T extends AnthropicServiceException> T anthropicFails(
            String key, MessageCreateParams params, Class<T> type) {
        AnthropicClient client = anthropic(key);
        try {
            return catchThrowableOfType(type, () -> client.messages().create(params));
        } finally {
            client.close();
        }
    }

    private static MessageCreateParams message(String model) {
        return MessageCreateParams.builder()
                .model(model)
                .maxTokens(16)
                .addUserMessage("hi")
                .build();
    }

    private static void assertAnthropic(
            AnthropicServiceException e, int status, ErrorType type, String code, String messageFragment) {
        assertThat(e).as("expected an exception").isNotNull();
        assertThat(e.statusCode()).isEqualTo(status);
        assertThat(e.errorType()).hasValue(type);
        assertThat(e.apiMessage()).hasValueSatisfying(m -> assertThat(m).contains(messageFragment));
        assertThat(e.headers().values("x-gateway-error-code")).containsExactly(code);
    }

    @Test
    void anthropicSdkWithAnEmptyKeyGetsUnauthorized() {
        // With an empty key this SDK, too, sends a bare "Authorization: Bearer"; see the OpenAI case.
        com.anthropic.errors.UnauthorizedException e =
                anthropicFails("", message("whatever"), com.anthropic.errors.UnauthorizedException.class);

        assertAnthropic(e, 401, ErrorType.AUTHENTICATION_ERROR, "invalid_api_key", "Invalid API Key");
    }

    @Test
    void anthropicSdkWithAnUnknownKeyGetsUnauthorized() {
        com.anthropic.errors.UnauthorizedException e =
                anthropicFails(UNKNOWN_KEY, message("whatever"), com.anthropic.errors.UnauthorizedException.class);

        assertAnthropic(e, 401, ErrorType.AUTHENTICATION_ERROR, "invalid_api_key", "Invalid API Key");
    }

    @Test
    void anthropicSdkWithADisabledKeyGetsUnauthorized() {
        com.anthropic.errors.UnauthorizedException e = anthropicFails(
                Routing.DISABLED_KEY, message("whatever"), com.anthropic.errors.UnauthorizedException.class);

        assertAnthropic(e, 401, ErrorType.AUTHENTICATION_ERROR, "api_key_disabled", "API Key is disabled");
    }

    @Test
    void anthropicSdkWithAnUnknownModelGetsNotFound() {
        com.anthropic.errors.NotFoundException e =
                anthropicFails(Routing.KEY, message("no-such-model"), com.anthropic.errors.NotFoundException.class);

        assertAnthropic(e, 404, ErrorType.NOT_FOUND_ERROR, "model_not_found", "no-such-model");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unavailable")
    void anthropicSdkGetsA503ForAModelThatCannotBeServed(String model, String code, String messageFragment) {
        com.anthropic.errors.ServiceUnavailableException e =
                anthropicFails(Routing.KEY, message(model), com.anthropic.errors.ServiceUnavailableException.class);

        assertAnthropic(e, 503, ErrorType.OVERLOADED_ERROR, code, messageFragment);
    }

    // ---- Raw bodies ----

    /** Pinned versions: the shared test client upgrades cleartext connections to HTTP/2 (h2c) when it can. */
    static final HttpClient HTTP_1_1 =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    static final HttpClient HTTP_2 =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();

    /** One error condition: how to provoke it, and what the client must see. */
    record Case(
            String name,
            Map<String, String> headers,
            byte[] body,
            int status,
            String openAiType,
            String code,
            String messageFragment,
            String param) {
        /** Authentication fails before the body is read. */
        boolean rejectedBeforeTheBody() {
            return status == 401;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final List<String> OPENAI_PATHS =
            List.of("/v1/chat/completions", "/v1/completions", "/v1/embeddings", "/v1/responses");
    static final List<String> ANTHROPIC_PATHS = List.of("/v1/messages", "/v1/messages/count_tokens");

    static List<Case> cases() {
        Map<String, String> key = Map.of("x-api-key", Routing.KEY);
        byte[] valid = utf8("{\"model\":\"no-such-model\",\"messages\":[]}");
        return List.of(
                new Case(
                        "no key",
                        Map.of(),
                        valid,
                        401,
                        "authentication_error",
                        "invalid_api_key",
                        "API Key is required",
                        null),
                new Case(
                        "unknown key",
                        Http.bearer(UNKNOWN_KEY),
                        valid,
                        401,
                        "authentication_error",
                        "invalid_api_key",
                        "Invalid API Key",
                        null),
                new Case(
                        "disabled key",
                        Map.of("x-api-key", Routing.DISABLED_KEY),
                        valid,
                        401,
                        "authentication_error",
                        "api_key_disabled",
                        "API Key is disabled",
                        null),
                new Case(
                        "not JSON",
                        key,
                        utf8("model=gpt-4o&stream=true"),
                        400,
                        "invalid_request_error",
                        "invalid_json",
                        "not valid JSON",
                        null),
                new Case(
                        "empty body",
                        key,
                        new byte[0],
                        400,
                        "invalid_request_error",
                        "invalid_json",
                        "not valid JSON",
                        null),
                new Case(
                        "truncated JSON",
                        key,
                        utf8("{\"model\":\"no-such-model\",\"messages\":["),
                        400,
                        "invalid_request_error",
                        "invalid_json",
                        "not valid JSON",
                        null),
                new Case(
                        "invalid UTF-8",
                        key,
                        new byte[] {'{', '"', 'm', '"', ':', '"', (byte) 0xC3, '"', '}'},
                        400,
                        "invalid_request_error",
                        "invalid_json",
                        "not valid JSON",
                        null),
                new Case(
                        "JSON array",
                        key,
                        utf8("[{\"model\":\"no-such-model\"}]"),
                        400,
                        "invalid_request_error",
                        "invalid_json",
                        "must be a JSON object",
                        null),
                new Case(
                        "missing model",
                        key,
                        utf8("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
                        400,
                        "invalid_request_error",
                        "missing_model",
                        "'model'",
                        "model"),
                new Case(
                        "model as a number",
                        key,
                        utf8("{\"model\":42,\"messages\":[]}"),
                        400,
                        "invalid_request_error",
                        "invalid_model",
                        "must be a string",
                        "model"),
                new Case(
                        "model as null",
                        key,
                        utf8("{\"model\":null,\"messages\":[]}"),
                        400,
                        "invalid_request_error",
                        "invalid_model",
                        "must be a string",
                        "model"),
                new Case(
                        "unknown model",
                        key,
                        valid,
                        404,
                        "not_found_error",
                        "model_not_found",
                        "'no-such-model'",
                        null),
                new Case(
                        "disabled model",
                        key,
                        utf8("{\"model\":\"disabled-model\",\"messages\":[]}"),
                        503,
                        "service_error",
                        "model_disabled",
                        "'disabled-model'",
                        null));
    }

    /**
     * Every case on every path, over HTTP/1.1 and over HTTP/2.
     */
    static Stream<Arguments> table(List<String> paths) {
        return Stream.of(HttpClient.Version.HTTP_1_1, HttpClient.Version.HTTP_2)
                .flatMap(version ->
                        paths.stream().flatMap(path -> cases().stream().map(c -> Arguments.of(version, path, c))));
    }

    static Stream<Arguments> openAiCases() {
        return table(OPENAI_PATHS);
    }

    static Stream<Arguments> anthropicCases() {
        return table(ANTHROPIC_PATHS);
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("openAiCases")
    void openAiEndpointsAnswerTheOpenAiErrorShape(HttpClient.Version version, String path, Case c) throws Exception {
        HttpResponse<String> response = post(version, path, c);

        JsonNode root = assertJsonError(response, c);
        assertThat(fieldNames(root)).containsExactly("error");
        JsonNode error = root.get("error");
        assertThat(fieldNames(error)).containsExactlyInAnyOrder("message", "type", "code", "param");
        assertThat(error.get("type").asText()).isEqualTo(c.openAiType());
        assertThat(error.get("code").asText()).isEqualTo(c.code());
        assertThat(error.get("message").asText()).contains(c.messageFragment());
        if (c.param() == null) {
            assertThat(error.get("param").isNull()).isTrue();
        } else {
            assertThat(error.get("param").asText()).isEqualTo(c.param());
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("anthropicCases")
    void anthropicEndpointsAnswerTheAnthropicErrorShape(HttpClient.Version version, String path, Case c)
            throws Exception {
        HttpResponse<String> response = post(version, path, c);

        JsonNode root = assertJsonError(response, c);
        assertThat(fieldNames(root)).containsExactlyInAnyOrder("type", "error");
        assertThat(root.get("type").asText()).isEqualTo("error");
        JsonNode error = root.get("error");
        assertThat(fieldNames(error)).containsExactlyInAnyOrder("type", "message");
        assertThat(error.get("type").asText()).isEqualTo(anthropicType(c.status()));
        assertThat(error.get("message").asText()).contains(c.messageFragment());
        // Anthropic errors have no code field; the gateway's code travels in a header.
        assertThat(response.headers().allValues("x-gateway-error-code")).containsExactly(c.code());
    }

    static Stream<Case> authCases() {
        return cases().stream().filter(Case::rejectedBeforeTheBody);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("authCases")
    void listingModelsNeedsAValidKey(Case c) throws Exception {
        HttpResponse<String> response = get(HttpClient.Version.HTTP_1_1, "/v1/models", c);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        JsonNode error = JSON.readTree(response.body()).get("error");
        assertThat(fieldNames(error)).containsExactlyInAnyOrder("message", "type", "code", "param");
        assertThat(error.get("type").asText()).isEqualTo("authentication_error");
        assertThat(error.get("code").asText()).isEqualTo(c.code());
        assertThat(error.get("message").asText()).isEqualTo(c.messageFragment());
    }

    static Stream<Arguments> http2Rejections() {
        List<String> paths = new ArrayList<>(OPENAI_PATHS);
        paths.addAll(ANTHROPIC_PATHS);
        paths.add("/v1/models");
        return paths.stream().flatMap(path -> authCases().map(c -> Arguments.of(path, c)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("http2Rejections")
    void earlyRejectionsAreWellFormedHttp2Responses(String path, Case c) throws Exception {
        // Found with java.net.http over h2c: "ProtocolException: malformed response: Prohibited header name
        // 'connection'" (RFC 9113 section 8.2.2 forbids connection-specific fields in HTTP/2).
        HttpResponse<String> response = path.equals("/v1/models")
                ? get(HttpClient.Version.HTTP_2, path, c)
                : post(HttpClient.Version.HTTP_2, path, c);

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
    }

    @Test
    void theErrorTableReallyRunsOverHttp2() throws Exception {
        Case unknownModel =
                cases().stream().filter(c -> c.status() == 404).findFirst().orElseThrow();

        HttpResponse<String> response = post(HttpClient.Version.HTTP_2, "/v1/chat/completions", unknownModel);

        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void unknownPathsAndMethodsUnderV1AnswerJsonNotHtml() throws Exception {
        List<HttpResponse<String>> responses = new ArrayList<>();
        responses.add(Http.post(gw.baseUrl() + "/v1/no-such-endpoint", "{}", Http.bearer(Routing.KEY)));
        responses.add(Http.post(gw.baseUrl() + "/v1/models", "{}", Http.bearer(Routing.KEY)));
        responses.add(gw.get("/v1/chat/completions"));
        for (HttpResponse<String> response : responses) {
            assertThat(response.statusCode()).as(response.uri().toString()).isBetween(400, 499);
            assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
            assertThat(JSON.readTree(response.body())
                            .get("error")
                            .get("message")
                            .asText())
                    .isNotBlank();
        }
    }

    private static HttpResponse<String> post(HttpClient.Version version, String path, Case c) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gw.baseUrl() + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(c.body()))
                .header("content-type", "application/json");
        c.headers().forEach(request::header);
        return client(version).send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(HttpClient.Version version, String path, Case c) throws Exception {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(URI.create(gw.baseUrl() + path)).GET();
        c.headers().forEach(request::header);
        return client(version).send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpClient client(HttpClient.Version version) {
        return version == HttpClient.Version.HTTP_2 ? HTTP_2 : HTTP_1_1;
    }

    /** Status, JSON content type, a JSON object body (never HTML, never a 500) and a trace id. */
    private static JsonNode assertJsonError(HttpResponse<String> response, Case c) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(c.status());
        assertThat(response.headers().firstValue("content-type")).hasValue("application/json");
        assertThat(response.body()).startsWith("{").doesNotContain("<html");
        assertThat(response.headers().firstValue("x-gateway-trace-id")).isPresent();
        JsonNode root = JSON.readTree(response.body());
        assertThat(root.isObject()).isTrue();
        return root;
    }

    private static String anthropicType(int status) {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 404 -> "not_found_error";
            case 503 -> "overloaded_error";
            default -> throw new IllegalArgumentException("no case uses " + status);
        };
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
