package com.llmgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import com.llmgateway.protocol.Protocol;
import com.llmgateway.testing.FakeUpstream;
import com.llmgateway.testing.Http;
import com.llmgateway.testing.Payloads;
import com.llmgateway.testing.RawHttp;
import com.llmgateway.testing.Routing;
import com.llmgateway.testing.TestGateway;
import io.vertx.core.MultiMap;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Departures 2 and 3 of the seed spec: same-protocol bodies reach the provider byte for byte except the top-level
 * model value, and only end-to-end headers cross the gateway, in both directions.
 */
class ByteExactForwardingTest {
    static final String OPENAI_OK = Payloads.chatCompletion("target-a", "ok");
    static final Map<String, String> EXTRA_HEADERS = Map.of("X-Org-Id", "provider-org", "x-provider-only", "yes");

    static FakeUpstream openAi;
    static FakeUpstream anthropic;
    static FakeUpstream withExtras;
    static TestGateway gw;

    @BeforeAll
    static void start() {
        openAi = FakeUpstream.start(FakeUpstream.json(200, OPENAI_OK));
        anthropic = FakeUpstream.start(FakeUpstream.json(200, Payloads.anthropicMessage("claude-target", "ok")));
        withExtras = FakeUpstream.start(FakeUpstream.json(200, OPENAI_OK));
        gw = TestGateway.start();
        gw.routing(Routing.builder()
                .provider(1, openAi.baseUrl(), Protocol.OPENAI)
                .provider(2, anthropic.baseUrl(), Protocol.ANTHROPIC)
                .provider(3, withExtras.baseUrl(), Protocol.OPENAI, EXTRA_HEADERS)
                .map("alias", 1, "target-a", 0)
                .map("org/alias", 1, "target-a", 0)
                .map("we\"ird", 1, "target-a", 0)
                .map("alias-esc", 1, "a\"b\\c/日", 0)
                .map("claude-alias", 2, "claude-target", 0)
                .map("alias-extra", 3, "target-a", 0)
                .build());
    }

    @BeforeEach
    void reset() {
        openAi.reset();
        anthropic.reset();
        withExtras.reset();
    }

    @AfterAll
    static void stop() {
        gw.close();
        openAi.close();
        anthropic.close();
        withExtras.close();
    }

    /** JSON written with single quotes for readability: every {@code '} becomes {@code "}. */
    private static String json(String singleQuoted) {
        return singleQuoted.replace('\'', '"');
    }

    private static Arguments chat(String name, String sent, String expected) {
        return Arguments.of(name, "/v1/chat/completions", json(sent), json(expected));
    }

    /** Each case: what the client sends and, written out by hand, what the provider must receive. */
    static Stream<Arguments> bodies() {
        return Stream.of(
                chat(
                        "odd whitespace, tabs, CRLF, trailing zero and trailing newline",
                        "{\n\t'model'  :  'alias'\t,\r\n  'messages' : [ {'role':'user' ,'content':'hi'} ] ,"
                                + "'temperature':0.70 }\n",
                        "{\n\t'model'  :  'target-a'\t,\r\n  'messages' : [ {'role':'user' ,'content':'hi'} ] ,"
                                + "'temperature':0.70 }\n"),
                chat(
                        "model is the last key",
                        "{'messages':[{'role':'user','content':'hi'}],'stream':false,'model':'alias'}",
                        "{'messages':[{'role':'user','content':'hi'}],'stream':false,'model':'target-a'}"),
                chat(
                        "unicode escapes outside the model stay escapes",
                        "{'model':'alias','messages':[{'role':'user','content':'caf\\u00e9 \\ud83d\\ude00 \\u0022q\\u0022"
                                + " \\n'}],'user':'\\u00E9'}",
                        "{'model':'target-a','messages':[{'role':'user','content':'caf\\u00e9 \\ud83d\\ude00 \\u0022q\\u0022"
                                + " \\n'}],'user':'\\u00E9'}"),
                chat(
                        "raw UTF-8 stays as sent",
                        "{'model':'alias','messages':[{'role':'user','content':'日本語 ✓ é 😀'}]}",
                        "{'model':'target-a','messages':[{'role':'user','content':'日本語 ✓ é 😀'}]}"),
                chat(
                        "numbers beyond double and long are not converted",
                        "{'model':'alias','max_tokens':123456789012345678901234567890,'temperature':1e400,"
                                + "'top_p':1.0E-400,'seed':-0,'presence_penalty':1.50}",
                        "{'model':'target-a','max_tokens':123456789012345678901234567890,'temperature':1e400,"
                                + "'top_p':1.0E-400,'seed':-0,'presence_penalty':1.50}"),
                chat(
                        "model keys below the top level and inside strings are left alone",
                        "{'messages':[{'role':'user','content':'set \\'model\\':\\'alias\\' please','model':'alias'}],"
                                + "'metadata':{'model':'alias'},'model_name':'alias','model':'alias'}",
                        "{'messages':[{'role':'user','content':'set \\'model\\':\\'alias\\' please','model':'alias'}],"
                                + "'metadata':{'model':'alias'},'model_name':'alias','model':'target-a'}"),
                chat(
                        "an escaped model value is replaced as a whole",
                        "{'model':'\\u0061lias','messages':[]}",
                        "{'model':'target-a','messages':[]}"),
                chat(
                        "an escaped slash in the model value",
                        "{'model':'org\\/alias','messages':[]}",
                        "{'model':'target-a','messages':[]}"),
                chat(
                        "an escaped quote in the model value",
                        "{'model':'we\\'ird','messages':[]}",
                        "{'model':'target-a','messages':[]}"),
                chat(
                        "a target model that needs escaping is written as a valid JSON string",
                        "{'model':'alias-esc','messages':[]}",
                        "{'model':'a\\'b\\\\c/日','messages':[]}"),
                chat(
                        "unknown top-level fields and tools pass through",
                        "{'model':'alias','x_vendor':{'nested':[1,2,{'a':null}],'flag':true},'tools':[{'type':"
                                + "'function','function':{'name':'f','parameters':{'type':'object','properties':{}}}}],"
                                + "'tool_choice':'auto','parallel_tool_calls':false}",
                        "{'model':'target-a','x_vendor':{'nested':[1,2,{'a':null}],'flag':true},'tools':[{'type':"
                                + "'function','function':{'name':'f','parameters':{'type':'object','properties':{}}}}],"
                                + "'tool_choice':'auto','parallel_tool_calls':false}"),
                chat(
                        "legacy functions are not turned into tools when the protocols match",
                        "{'model':'alias','functions':[{'name':'f','parameters':{}}],'function_call':'auto',"
                                + "'messages':[]}",
                        "{'model':'target-a','functions':[{'name':'f','parameters':{}}],'function_call':'auto',"
                                + "'messages':[]}"),
                Arguments.of(
                        "an Anthropic body without max_tokens gets none added",
                        "/v1/messages",
                        json("{'model':'claude-alias','messages':[{'role':'user','content':'hi'}],"
                                + "'max_completion_tokens':5}"),
                        json("{'model':'claude-target','messages':[{'role':'user','content':'hi'}],"
                                + "'max_completion_tokens':5}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bodies")
    void theProviderReceivesTheClientBodyWithOnlyTheModelValueReplaced(
            String name, String path, String sent, String expected) {
        FakeUpstream upstream = path.equals("/v1/messages") ? anthropic : openAi;

        HttpResponse<String> response =
                Http.post(gw.baseUrl() + path, sent.getBytes(StandardCharsets.UTF_8), Http.bearer(Routing.KEY));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(upstream.count()).isEqualTo(1);
        FakeUpstream.Recorded seen = upstream.lastRequest();
        assertThat(seen.path()).isEqualTo(path);
        // Compared as text first for a readable diff, then as bytes, which is the claim.
        assertThat(seen.bodyText()).isEqualTo(expected);
        assertThat(seen.body()).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
    }

    private static final String CHAT_BODY =
            "{\"model\":\"alias\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";

    @Test
    void clientCredentialsNeverReachAnOpenAiProviderOnlyItsOwnKeyDoes() {
        Http.post(
                gw.baseUrl() + "/v1/chat/completions",
                CHAT_BODY,
                Map.of(
                        "x-api-key", Routing.KEY,
                        "authorization", "Bearer sk-client-own-openai-secret",
                        "api-key", "client-azure-secret"));

        MultiMap seen = openAi.lastRequest().headers();
        assertThat(seen.getAll("authorization")).containsExactly("Bearer " + Routing.PROVIDER_KEY);
        assertThat(seen.contains("x-api-key")).isFalse();
        assertThat(seen.contains("api-key")).isFalse();
        assertNoHeaderValueContains(seen, Routing.KEY, "sk-client-own-openai-secret", "client-azure-secret");
    }

    @Test
    void clientCredentialsNeverReachAnAnthropicProviderOnlyItsOwnKeyDoes() {
        Http.post(
                gw.baseUrl() + "/v1/messages",
                "{\"model\":\"claude-alias\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}",
                Map.of(
                        "authorization",
                        "Bearer " + Routing.KEY,
                        "x-api-key",
                        Routing.KEY,
                        "api-key",
                        "client-azure-secret"));

        MultiMap seen = anthropic.lastRequest().headers();
        assertThat(seen.getAll("x-api-key")).containsExactly(Routing.PROVIDER_KEY);
        assertThat(seen.contains("authorization")).isFalse();
        assertThat(seen.contains("api-key")).isFalse();
        assertNoHeaderValueContains(seen, Routing.KEY, "client-azure-secret");
    }

    @Test
    void hopByHopRequestHeadersAreNotForwardedEndToEndOnesAre() {
        RawHttp.Response response = RawHttp.post(
                gw.gateway().port(),
                "/v1/chat/completions",
                List.of(
                        Map.entry("content-type", "application/json"),
                        Map.entry("x-api-key", Routing.KEY),
                        Map.entry("connection", "keep-alive"),
                        Map.entry("keep-alive", "timeout=5, max=100"),
                        Map.entry("te", "trailers"),
                        Map.entry("upgrade", "example/1"),
                        Map.entry("proxy-authorization", "Basic Y2xpZW50OnNlY3JldA=="),
                        Map.entry("x-end-to-end", "kept")),
                CHAT_BODY.getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(200);
        MultiMap seen = openAi.lastRequest().headers();
        for (String hop : List.of("connection", "keep-alive", "te", "upgrade", "proxy-authorization")) {
            assertThat(seen.contains(hop)).as("upstream header %s", hop).isFalse();
        }
        assertThat(seen.getAll("x-end-to-end")).containsExactly("kept");
    }

    @Test
    void headersNamedByTheClientsConnectionHeaderAreNotForwarded() {
        // RFC 9110 section 7.6.1: a proxy removes every field the Connection header nominates.
        RawHttp.Response response = RawHttp.post(
                gw.gateway().port(),
                "/v1/chat/completions",
                List.of(
                        Map.entry("content-type", "application/json"),
                        Map.entry("x-api-key", Routing.KEY),
                        Map.entry("connection", "keep-alive, x-hop-token"),
                        Map.entry("x-hop-token", "for-the-next-hop-only")),
                CHAT_BODY.getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(200);
        assertThat(openAi.lastRequest().headers().contains("x-hop-token")).isFalse();
    }

    @Test
    void providerExtraHeadersOverrideClientHeadersOfTheSameName() {
        Http.post(
                gw.baseUrl() + "/v1/chat/completions",
                "{\"model\":\"alias-extra\",\"messages\":[]}",
                Map.of("authorization", "Bearer " + Routing.KEY, "x-org-id", "client-org", "x-client-only", "c"));

        MultiMap seen = withExtras.lastRequest().headers();
        assertThat(seen.getAll("x-org-id")).containsExactly("provider-org");
        assertThat(seen.getAll("x-provider-only")).containsExactly("yes");
        assertThat(seen.getAll("x-client-only")).containsExactly("c");
    }

    @Test
    void upstreamEndToEndResponseHeadersReachTheClientButHopByHopAndFramingOnesDoNot() {
        openAi.enqueue((request, vertx) -> request.response()
                .setStatusCode(200)
                .putHeader("content-type", "application/json")
                .putHeader("x-ratelimit-remaining", "42")
                .putHeader("connection", "close")
                .putHeader("keep-alive", "timeout=5, max=100")
                .putHeader("proxy-authenticate", "Basic realm=\"upstream\"")
                .end(OPENAI_OK));

        RawHttp.Response response = RawHttp.post(
                gw.gateway().port(),
                "/v1/chat/completions",
                List.of(Map.entry("content-type", "application/json"), Map.entry("x-api-key", Routing.KEY)),
                CHAT_BODY.getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo(OPENAI_OK);
        assertThat(response.all("x-ratelimit-remaining")).containsExactly("42");
        assertThat(response.all("connection")).doesNotContain("close");
        assertThat(response.all("keep-alive")).isEmpty();
        assertThat(response.all("proxy-authenticate")).isEmpty();
        // The upstream framed its body with content-length; the gateway frames its own.
        assertSingleConsistentFraming(response);
        assertThat(response.all("x-gateway-trace-id")).hasSize(1);
        assertThat(response.first("x-gateway-trace-id").orElseThrow())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    }

    @Test
    void headersNamedByTheUpstreamsConnectionHeaderDoNotReachTheClient() {
        // RFC 9110 section 7.6.1, in the response direction.
        openAi.enqueue((request, vertx) -> request.response()
                .setStatusCode(200)
                .putHeader("content-type", "application/json")
                .putHeader("connection", "x-upstream-hop")
                .putHeader("x-upstream-hop", "1")
                .end(OPENAI_OK));

        RawHttp.Response response = RawHttp.post(
                gw.gateway().port(),
                "/v1/chat/completions",
                List.of(Map.entry("content-type", "application/json"), Map.entry("x-api-key", Routing.KEY)),
                CHAT_BODY.getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.all("x-upstream-hop")).isEmpty();
    }

    @Test
    void anUpstreamChunkedTransferEncodingIsNotCopiedNextToTheGatewaysOwn() {
        openAi.enqueue((request, vertx) -> request.response()
                .setStatusCode(200)
                .setChunked(true)
                .putHeader("content-type", "application/json")
                .putHeader("transfer-encoding", "chunked")
                .putHeader("x-ratelimit-remaining", "41")
                .write(OPENAI_OK.substring(0, 10))
                .compose(ignored -> request.response().end(OPENAI_OK.substring(10))));

        RawHttp.Response response = RawHttp.post(
                gw.gateway().port(),
                "/v1/chat/completions",
                List.of(Map.entry("content-type", "application/json"), Map.entry("x-api-key", Routing.KEY)),
                CHAT_BODY.getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo(OPENAI_OK);
        assertThat(response.all("x-ratelimit-remaining")).containsExactly("41");
        assertSingleConsistentFraming(response);
    }

    /** Exactly one framing: one {@code transfer-encoding: chunked} line, or one content-length equal to the body. */
    private static void assertSingleConsistentFraming(RawHttp.Response response) {
        List<String> transferEncoding = response.all("transfer-encoding");
        List<String> contentLength = response.all("content-length");
        if (transferEncoding.isEmpty()) {
            assertThat(contentLength).containsExactly(String.valueOf(response.body().length));
        } else {
            assertThat(transferEncoding).containsExactly("chunked");
            assertThat(contentLength).isEmpty();
        }
    }

    private static void assertNoHeaderValueContains(MultiMap headers, String... secrets) {
        headers.forEach(header -> {
            for (String secret : secrets) {
                assertThat(header.getValue())
                        .as("upstream header %s", header.getKey())
                        .doesNotContain(secret);
            }
        });
    }
}
