package com.llmgateway.proxy;

import static com.llmgateway.testing.ProviderEvents.blockStop;
import static com.llmgateway.testing.ProviderEvents.chatChunk;
import static com.llmgateway.testing.ProviderEvents.event;
import static com.llmgateway.testing.ProviderEvents.inputJsonDelta;
import static com.llmgateway.testing.ProviderEvents.j;
import static com.llmgateway.testing.ProviderEvents.messageDelta;
import static com.llmgateway.testing.ProviderEvents.messageStart;
import static com.llmgateway.testing.ProviderEvents.messageStop;
import static com.llmgateway.testing.ProviderEvents.str;
import static com.llmgateway.testing.ProviderEvents.textDelta;
import static com.llmgateway.testing.ProviderEvents.thinkingDelta;
import static com.llmgateway.testing.ProviderEvents.toolCallDelta;
import static com.llmgateway.testing.ProviderEvents.toolUseStart;
import static com.llmgateway.testing.ProviderEvents.usageChunk;
import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.TextBlock;
import com.anthropic.models.messages.ThinkingBlock;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolUseBlock;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.llmgateway.protocol.Protocol;
import com.llmgateway.testing.FakeUpstream;
import com.llmgateway.testing.Payloads;
import com.llmgateway.testing.Routing;
import com.llmgateway.testing.Sdks;
import com.llmgateway.testing.TestGateway;
import com.openai.client.OpenAIClient;
import com.openai.core.JsonValue;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.ReasoningEffort;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import com.openai.models.completions.CompletionUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Thinking, parallel tool calls and usage through the official SDKs, each client served by a provider of the other
 * protocol. Where both protocols can say the same answer, the same SDK call is made twice: once to a provider of its
 * own protocol answering natively, once to a provider of the other protocol answering the same thing in its own
 * words; what the SDK assembles must be the same.
 */
class CrossProtocolSdkTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration GAP = Duration.ofMillis(2);
    /** An Anthropic answer: signed thinking, then a tool call. */
    private static final String THINKING_TOOL_USE = j("""
            {'id':'msg_think','type':'message','role':'assistant','model':'claude-target',\
            'content':[{'type':'thinking','thinking':'I should look up the weather.','signature':'sig-1'},\
            {'type':'tool_use','id':'toolu_weather','name':'get_weather','input':{'city':'Paris'}}],\
            'stop_reason':'tool_use','stop_sequence':null,\
            'usage':{'input_tokens':12,'output_tokens':30,'output_tokens_details':{'thinking_tokens':22}}}""");

    static FakeUpstream openAi;
    static FakeUpstream anthropic;
    static TestGateway gw;
    static AnthropicClient anthropicSdk;
    static OpenAIClient openAiSdk;

    @BeforeAll
    static void start() {
        openAi = FakeUpstream.start(FakeUpstream.json(500, "{}"));
        anthropic = FakeUpstream.start(FakeUpstream.json(500, "{}"));
        gw = TestGateway.start();
        gw.routing(Routing.builder()
                .provider(1, openAi.baseUrl(), Protocol.OPENAI)
                .provider(2, anthropic.baseUrl(), Protocol.ANTHROPIC)
                .map("on-openai", 1, "gpt-target", 0)
                .map("on-anthropic", 2, "claude-target", 0)
                .build());
        anthropicSdk = Sdks.anthropic(gw.baseUrl(), Routing.KEY);
        openAiSdk = Sdks.openAi(gw.baseUrl(), Routing.KEY);
    }

    @BeforeEach
    void reset() {
        openAi.reset();
        anthropic.reset();
    }

    @AfterAll
    static void stop() {
        anthropicSdk.close();
        openAiSdk.close();
        gw.close();
        openAi.close();
        anthropic.close();
    }

    // ---- Anthropic SDK, OpenAI provider ------------------------------------------------------------------------

    @Test
    void anthropicSdkWithThinkingGetsTheOpenAiProvidersReasoningAsADirectCallWould() {
        openAi.enqueue(FakeUpstream.json(200, j("""
                {'id':'chatcmpl-think','object':'chat.completion','created':1700000000,'model':'gpt-target',\
                'choices':[{'index':0,'message':{'role':'assistant','content':'Paris.','refusal':null,\
                'reasoning_content':'The capital of France is Paris.'},'logprobs':null,'finish_reason':'stop'}],\
                'usage':{'prompt_tokens':20,'completion_tokens':50,'total_tokens':70,\
                'prompt_tokens_details':{'cached_tokens':0},'completion_tokens_details':{'reasoning_tokens':30}}}""")));
        anthropic.enqueue(FakeUpstream.json(200, j("""
                {'id':'msg_think','type':'message','role':'assistant','model':'claude-target',\
                'content':[{'type':'thinking','thinking':'The capital of France is Paris.','signature':''},\
                {'type':'text','text':'Paris.'}],'stop_reason':'end_turn','stop_sequence':null,\
                'usage':{'input_tokens':20,'cache_creation_input_tokens':0,'cache_read_input_tokens':0,\
                'output_tokens':50,'output_tokens_details':{'thinking_tokens':30}}}""")));
        MessageCreateParams params = thinking("on-openai", 4096).build();

        Message translated = anthropicSdk.messages().create(params);
        JsonNode sent = body(openAi.lastRequest());
        Message direct = anthropicSdk
                .messages()
                .create(params.toBuilder().model("on-anthropic").build());

        assertThat(sent.path("reasoning_effort").asText())
                .as("budget 4096 asks for medium effort")
                .isEqualTo("medium");
        assertThat(sent.path("max_completion_tokens").asLong()).isEqualTo(16000);
        assertThat(sent.has("thinking")).isFalse();
        assertParisWithThinking(translated);
        assertSameAnswer(translated, direct);
    }

    @Test
    void anthropicSdkStreamWithThinkingAssemblesTheOpenAiProvidersReasoningAsADirectStreamWould() {
        openAi.enqueue(FakeUpstream.sse(
                List.of(
                        chatChunk("{'role':'assistant','content':''}", null),
                        chatChunk(j("{'reasoning_content':%s}", str("The capital ")), null),
                        chatChunk(j("{'reasoning_content':%s}", str("of France is Paris.")), null),
                        chatChunk("{'content':'Par'}", null),
                        chatChunk("{'content':'is.'}", null),
                        chatChunk("{}", "stop"),
                        usageChunk("{'prompt_tokens':20,'completion_tokens':50,'total_tokens':70,"
                                + "'prompt_tokens_details':{'cached_tokens':0},"
                                + "'completion_tokens_details':{'reasoning_tokens':30}}"),
                        "data: [DONE]\n\n"),
                GAP));
        anthropic.enqueue(FakeUpstream.sse(
                List.of(
                        messageStart("{'input_tokens':20,'cache_creation_input_tokens':0,"
                                + "'cache_read_input_tokens':0,'output_tokens':1}"),
                        event(
                                "content_block_start",
                                "{'type':'content_block_start','index':0,"
                                        + "'content_block':{'type':'thinking','thinking':'','signature':''}}"),
                        thinkingDelta(0, "The capital "),
                        thinkingDelta(0, "of France is Paris."),
                        blockStop(0),
                        event(
                                "content_block_start",
                                "{'type':'content_block_start','index':1,"
                                        + "'content_block':{'type':'text','text':''}}"),
                        textDelta(1, "Par"),
                        textDelta(1, "is."),
                        blockStop(1),
                        messageDelta("end_turn", "{'output_tokens':50,'output_tokens_details':{'thinking_tokens':30}}"),
                        messageStop()),
                GAP));
        MessageCreateParams params = thinking("on-openai", 10000).build();

        Message translated = accumulate(params);
        JsonNode sent = body(openAi.lastRequest());
        Message direct = accumulate(params.toBuilder().model("on-anthropic").build());

        assertThat(sent.path("reasoning_effort").asText())
                .as("budget 10000 asks for high effort")
                .isEqualTo("high");
        assertThat(sent.path("stream_options").path("include_usage").asBoolean())
                .isTrue();
        assertParisWithThinking(translated);
        assertSameAnswer(translated, direct);
    }

    @Test
    void anthropicSdkStreamAssemblesTheOpenAiProvidersParallelToolCallsAsADirectStreamWould() {
        openAi.enqueue(FakeUpstream.sse(
                List.of(
                        chatChunk("{'role':'assistant','content':''}", null),
                        chatChunk("{'content':'Checking both.'}", null),
                        chatChunk(toolCallDelta(0, "call_weather", "get_weather", ""), null),
                        chatChunk(toolCallDelta(0, null, null, "{\"ci"), null),
                        chatChunk(toolCallDelta(0, null, null, "ty\": \"Pa"), null),
                        chatChunk(toolCallDelta(0, null, null, "ris\"}"), null),
                        chatChunk(toolCallDelta(1, "call_time", "get_time", ""), null),
                        chatChunk(toolCallDelta(1, null, null, "{\"tz\":"), null),
                        chatChunk(toolCallDelta(1, null, null, " \"Europe/Paris\"}"), null),
                        chatChunk("{}", "tool_calls"),
                        usageChunk("{'prompt_tokens':30,'completion_tokens':25,'total_tokens':55,"
                                + "'prompt_tokens_details':{'cached_tokens':10}}"),
                        "data: [DONE]\n\n"),
                GAP));
        anthropic.enqueue(FakeUpstream.sse(
                List.of(
                        messageStart("{'input_tokens':20,'cache_creation_input_tokens':0,"
                                + "'cache_read_input_tokens':10,'output_tokens':1}"),
                        event(
                                "content_block_start",
                                "{'type':'content_block_start','index':0,"
                                        + "'content_block':{'type':'text','text':''}}"),
                        textDelta(0, "Checking both."),
                        blockStop(0),
                        toolUseStart(1, "call_weather", "get_weather"),
                        inputJsonDelta(1, "{\"ci"),
                        inputJsonDelta(1, "ty\": \"Pa"),
                        inputJsonDelta(1, "ris\"}"),
                        blockStop(1),
                        toolUseStart(2, "call_time", "get_time"),
                        inputJsonDelta(2, "{\"tz\":"),
                        inputJsonDelta(2, " \"Europe/Paris\"}"),
                        blockStop(2),
                        messageDelta("tool_use", "{'output_tokens':25}"),
                        messageStop()),
                GAP));
        MessageCreateParams params = message("on-openai")
                .addTool(anthropicTool("get_weather", "city"))
                .addTool(anthropicTool("get_time", "tz"))
                .build();

        Message translated = accumulate(params);
        JsonNode sent = body(openAi.lastRequest());
        Message direct = accumulate(params.toBuilder().model("on-anthropic").build());

        assertThat(sent.path("tools").findValuesAsText("name")).containsExactly("get_weather", "get_time");
        assertThat(kinds(translated)).containsExactly("text", "tool_use", "tool_use");
        assertThat(text(translated)).isEqualTo("Checking both.");
        assertThat(toolUses(translated))
                .containsExactly(
                        new Call("call_weather", "get_weather", tree("{\"city\":\"Paris\"}")),
                        new Call("call_time", "get_time", tree("{\"tz\":\"Europe/Paris\"}")));
        assertThat(translated.stopReason()).hasValue(StopReason.TOOL_USE);
        assertThat(translated.usage().inputTokens()).isEqualTo(20);
        assertThat(translated.usage().cacheReadInputTokens()).hasValue(10L);
        assertThat(translated.usage().outputTokens()).isEqualTo(25);
        assertSameAnswer(translated, direct);
    }

    /** Some OpenAI-compatible servers answer tool calls with {@code finish_reason: stop}; the stop reason is tool use. */
    @Test
    void anthropicSdkGetsTheOpenAiProvidersReasoningAndParallelToolCallsAsADirectCallWould() {
        openAi.enqueue(FakeUpstream.json(200, j("""
                {'id':'chatcmpl-tools','object':'chat.completion','created':1700000000,'model':'gpt-target',\
                'choices':[{'index':0,'message':{'role':'assistant','content':null,'refusal':null,\
                'reasoning_content':'Two lookups.','tool_calls':[\
                {'id':'call_weather','type':'function','function':{'name':'get_weather','arguments':%s}},\
                {'id':'call_time','type':'function','function':{'name':'get_time','arguments':%s}}]},\
                'logprobs':null,'finish_reason':'stop'}],\
                'usage':{'prompt_tokens':30,'completion_tokens':25,'total_tokens':55,\
                'prompt_tokens_details':{'cached_tokens':10},'completion_tokens_details':{'reasoning_tokens':5}}}""", str("{\"city\": \"Paris\"}"), str("{\"tz\":\"Europe/Paris\"}"))));
        anthropic.enqueue(FakeUpstream.json(200, j("""
                {'id':'msg_tools','type':'message','role':'assistant','model':'claude-target',\
                'content':[{'type':'thinking','thinking':'Two lookups.','signature':''},\
                {'type':'tool_use','id':'call_weather','name':'get_weather','input':{'city':'Paris'}},\
                {'type':'tool_use','id':'call_time','name':'get_time','input':{'tz':'Europe/Paris'}}],\
                'stop_reason':'tool_use','stop_sequence':null,\
                'usage':{'input_tokens':20,'cache_creation_input_tokens':0,'cache_read_input_tokens':10,\
                'output_tokens':25,'output_tokens_details':{'thinking_tokens':5}}}""")));
        MessageCreateParams params = thinking("on-openai", 2048)
                .addTool(anthropicTool("get_weather", "city"))
                .addTool(anthropicTool("get_time", "tz"))
                .build();

        Message translated = anthropicSdk.messages().create(params);
        JsonNode sent = body(openAi.lastRequest());
        Message direct = anthropicSdk
                .messages()
                .create(params.toBuilder().model("on-anthropic").build());

        assertThat(sent.path("reasoning_effort").asText())
                .as("budget 2048 asks for low effort")
                .isEqualTo("low");
        assertThat(kinds(translated)).containsExactly("thinking", "tool_use", "tool_use");
        assertThat(thinkingText(translated)).isEqualTo("Two lookups.");
        assertThat(toolUses(translated))
                .containsExactly(
                        new Call("call_weather", "get_weather", tree("{\"city\":\"Paris\"}")),
                        new Call("call_time", "get_time", tree("{\"tz\":\"Europe/Paris\"}")));
        assertThat(translated.stopReason()).hasValue(StopReason.TOOL_USE);
        assertThat(translated.usage().inputTokens()).isEqualTo(20);
        assertThat(translated.usage().cacheReadInputTokens()).hasValue(10L);
        assertSameAnswer(translated, direct);
    }

    // ---- OpenAI SDK, Anthropic provider ------------------------------------------------------------------------

    @Test
    void openAiSdkGetsTheAnthropicProvidersParallelToolUsesAndCacheUsageAsADirectCallWould() {
        anthropic.enqueue(FakeUpstream.json(200, j("""
                {'id':'msg_tools','type':'message','role':'assistant','model':'claude-target',\
                'content':[{'type':'text','text':'Checking both.'},\
                {'type':'tool_use','id':'toolu_weather','name':'get_weather','input':{'city':'Paris'}},\
                {'type':'tool_use','id':'toolu_time','name':'get_time','input':{'tz':'Europe/Paris'}}],\
                'stop_reason':'tool_use','stop_sequence':null,\
                'usage':{'input_tokens':10,'cache_creation_input_tokens':20,'cache_read_input_tokens':100,\
                'output_tokens':40}}""")));
        openAi.enqueue(FakeUpstream.json(200, j("""
                {'id':'chatcmpl-tools','object':'chat.completion','created':1700000000,'model':'gpt-target',\
                'choices':[{'index':0,'message':{'role':'assistant','content':'Checking both.','refusal':null,\
                'tool_calls':[\
                {'id':'toolu_weather','type':'function','function':{'name':'get_weather','arguments':%s}},\
                {'id':'toolu_time','type':'function','function':{'name':'get_time','arguments':%s}}]},\
                'logprobs':null,'finish_reason':'tool_calls'}],\
                'usage':{'prompt_tokens':130,'completion_tokens':40,'total_tokens':170,\
                'prompt_tokens_details':{'cached_tokens':100},'cache_creation_input_tokens':20}}""", str("{\"city\":\"Paris\"}"), str("{\"tz\":\"Europe/Paris\"}"))));
        ChatCompletionCreateParams params = chat("on-anthropic")
                .addTool(openAiTool("get_weather", "city"))
                .addTool(openAiTool("get_time", "tz"))
                .build();

        ChatCompletion translated = openAiSdk.chat().completions().create(params);
        JsonNode sent = body(anthropic.lastRequest());
        ChatCompletion direct = openAiSdk
                .chat()
                .completions()
                .create(params.toBuilder().model("on-openai").build());

        assertThat(sent.path("tools").findValuesAsText("name")).containsExactly("get_weather", "get_time");
        assertThat(sent.path("tools").get(0).has("input_schema")).isTrue();
        assertTwoToolCallsWithCacheUsage(translated);
        assertSameAnswer(translated, direct);
    }

    @Test
    void openAiSdkStreamAssemblesTheAnthropicProvidersParallelToolUsesAsADirectStreamWould() {
        anthropic.enqueue(FakeUpstream.sse(
                List.of(
                        messageStart("{'input_tokens':10,'cache_creation_input_tokens':20,"
                                + "'cache_read_input_tokens':100,'output_tokens':1}"),
                        event(
                                "content_block_start",
                                "{'type':'content_block_start','index':0,"
                                        + "'content_block':{'type':'text','text':''}}"),
                        textDelta(0, "Checking "),
                        textDelta(0, "both."),
                        blockStop(0),
                        toolUseStart(1, "toolu_weather", "get_weather"),
                        inputJsonDelta(1, ""),
                        inputJsonDelta(1, "{\"city\": \"Pa"),
                        inputJsonDelta(1, "ris\"}"),
                        blockStop(1),
                        toolUseStart(2, "toolu_time", "get_time"),
                        inputJsonDelta(2, "{\"tz\": \"Eur"),
                        inputJsonDelta(2, "ope/Paris\"}"),
                        blockStop(2),
                        messageDelta("tool_use", "{'output_tokens':40}"),
                        messageStop()),
                GAP));
        openAi.enqueue(FakeUpstream.sse(
                List.of(
                        chatChunk("{'role':'assistant','content':''}", null),
                        chatChunk("{'content':'Checking '}", null),
                        chatChunk("{'content':'both.'}", null),
                        chatChunk(toolCallDelta(0, "toolu_weather", "get_weather", ""), null),
                        chatChunk(toolCallDelta(0, null, null, "{\"city\": \"Pa"), null),
                        chatChunk(toolCallDelta(0, null, null, "ris\"}"), null),
                        chatChunk(toolCallDelta(1, "toolu_time", "get_time", ""), null),
                        chatChunk(toolCallDelta(1, null, null, "{\"tz\": \"Eur"), null),
                        chatChunk(toolCallDelta(1, null, null, "ope/Paris\"}"), null),
                        chatChunk("{}", "tool_calls"),
                        usageChunk("{'prompt_tokens':130,'completion_tokens':40,'total_tokens':170,"
                                + "'prompt_tokens_details':{'cached_tokens':100},'cache_creation_input_tokens':20}"),
                        "data: [DONE]\n\n"),
                GAP));
        ChatCompletionCreateParams params = chat("on-anthropic")
                .addTool(openAiTool("get_weather", "city"))
                .addTool(openAiTool("get_time", "tz"))
                .streamOptions(
                        ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build();

        ChatCompletion translated = accumulate(params);
        ChatCompletion direct = accumulate(params.toBuilder().model("on-openai").build());

        assertTwoToolCallsWithCacheUsage(translated);
        assertSameAnswer(translated, direct);
    }

    @Test
    void openAiSdkGetsTheAnthropicProvidersSignedThinkingWithItsToolCall() {
        anthropic.enqueue(FakeUpstream.json(200, THINKING_TOOL_USE));
        ChatCompletionCreateParams first = thinkingWithTool();

        ChatCompletion completion = openAiSdk.chat().completions().create(first);
        JsonNode sent = body(anthropic.lastRequest());

        assertThat(sent.path("thinking").path("type").asText()).isEqualTo("enabled");
        assertThat(sent.path("thinking").path("budget_tokens").asInt())
                .as("low effort")
                .isEqualTo(2048);
        assertThat(sent.path("max_tokens").asInt())
                .as("the default limit plus the budget")
                .isEqualTo(4096 + 2048);
        ChatCompletionMessage message = completion.choices().get(0).message();
        assertThat(message._additionalProperties().get("reasoning_content"))
                .isEqualTo(JsonValue.from("I should look up the weather."));
        assertThat(message._additionalProperties().get("thinking_blocks"))
                .isEqualTo(JsonValue.from(List.of(Map.of(
                        "type", "thinking", "thinking", "I should look up the weather.", "signature", "sig-1"))));
        assertThat(toolCalls(message))
                .containsExactly(new Call("toolu_weather", "get_weather", tree("{\"city\":\"Paris\"}")));
        assertThat(completion.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        CompletionUsage usage = completion.usage().orElseThrow();
        assertThat(usage.completionTokens()).isEqualTo(30);
        assertThat(usage.completionTokensDetails().orElseThrow().reasoningTokens())
                .hasValue(22L);
    }

    /**
     * The OpenAI SDK turns a returned message into the next request's assistant message without its extensions
     * ({@code ChatCompletionMessage.toParam()}), so {@code thinking_blocks} must be put back by the client. Without
     * them the gateway runs the turn without thinking (Anthropic would reject it) and says so; with them the signed
     * thinking reaches Anthropic and thinking stays on.
     */
    @Test
    void openAiSdkToolLoopKeepsThinkingWhenTheClientEchoesThinkingBlocks() {
        anthropic.enqueue(FakeUpstream.json(200, THINKING_TOOL_USE));
        ChatCompletionCreateParams first = thinkingWithTool();
        ChatCompletionMessage answer =
                openAiSdk.chat().completions().create(first).choices().get(0).message();
        ChatCompletionToolMessageParam result = ChatCompletionToolMessageParam.builder()
                .toolCallId("toolu_weather")
                .content("18 degrees, sunny")
                .build();
        anthropic.enqueue(
                FakeUpstream.json(200, Payloads.anthropicMessage("claude-target", "Sunny.")),
                FakeUpstream.json(200, Payloads.anthropicMessage("claude-target", "Sunny.")));

        var bare = openAiSdk
                .chat()
                .completions()
                .withRawResponse()
                .create(first.toBuilder().addMessage(answer).addMessage(result).build());
        JsonNode withoutThinking = body(anthropic.lastRequest());
        ChatCompletion echoed = openAiSdk
                .chat()
                .completions()
                .create(first.toBuilder()
                        .addMessage(answer.toParam().toBuilder()
                                .putAdditionalProperty(
                                        "thinking_blocks",
                                        answer._additionalProperties().get("thinking_blocks"))
                                .build())
                        .addMessage(result)
                        .build());
        JsonNode withThinking = body(anthropic.lastRequest());

        assertThat(bare.parse().choices().get(0).message().content()).hasValue("Sunny.");
        assertThat(withoutThinking.has("thinking")).isFalse();
        assertThat(withoutThinking.path("messages").get(1).path("content")).isEqualTo(tree(j("""
                        [{'type':'tool_use','id':'toolu_weather','name':'get_weather','input':{'city':'Paris'}}]""")));
        assertThat(bare.headers().values("x-gateway-dropped-fields")).containsExactly("reasoning_effort");

        assertThat(echoed.choices().get(0).message().content()).hasValue("Sunny.");
        assertThat(withThinking.path("thinking").path("type").asText()).isEqualTo("enabled");
        assertThat(withThinking.path("messages").get(1).path("content")).isEqualTo(tree(j("""
                        [{'type':'thinking','thinking':'I should look up the weather.','signature':'sig-1'},\
                        {'type':'tool_use','id':'toolu_weather','name':'get_weather','input':{'city':'Paris'}}]""")));
        assertThat(withThinking.path("messages").get(2)).isEqualTo(tree(j("""
                        {'role':'user','content':[{'type':'tool_result','tool_use_id':'toolu_weather',\
                        'content':'18 degrees, sunny'}]}""")));
    }

    @Test
    void openAiSdkStreamGetsTheAnthropicProvidersThinkingAsThePlainAnswerDoesAndCanEchoIt() {
        String message = j("""
                {'id':'msg_think','type':'message','role':'assistant','model':'claude-target',\
                'content':[{'type':'thinking','thinking':'Six times seven is 42.','signature':'sig-42'},\
                {'type':'text','text':'42.'}],'stop_reason':'end_turn','stop_sequence':null,\
                'usage':{'input_tokens':12,'output_tokens':30}}""");
        anthropic.enqueue(
                FakeUpstream.json(200, message),
                FakeUpstream.sse(
                        List.of(
                                messageStart("{'input_tokens':12,'output_tokens':1}"),
                                event(
                                        "content_block_start",
                                        "{'type':'content_block_start','index':0,"
                                                + "'content_block':{'type':'thinking','thinking':'','signature':''}}"),
                                thinkingDelta(0, "Six times "),
                                thinkingDelta(0, "seven is 42."),
                                event(
                                        "content_block_delta",
                                        "{'type':'content_block_delta','index':0,"
                                                + "'delta':{'type':'signature_delta','signature':'sig-42'}}"),
                                blockStop(0),
                                event(
                                        "content_block_start",
                                        "{'type':'content_block_start','index':1,"
                                                + "'content_block':{'type':'text','text':''}}"),
                                textDelta(1, "42."),
                                blockStop(1),
                                messageDelta("end_turn", "{'output_tokens':30}"),
                                messageStop()),
                        GAP));
        ChatCompletionCreateParams params = chat("on-anthropic")
                .reasoningEffort(ReasoningEffort.HIGH)
                .maxCompletionTokens(8000)
                .streamOptions(
                        ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build();

        ChatCompletion plain = openAiSdk.chat().completions().create(params);
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        StringBuilder reasoning = new StringBuilder();
        List<JsonValue> thinkingBlocks = new ArrayList<>();
        try (var stream = openAiSdk.chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunk -> {
                accumulator.accumulate(chunk);
                for (ChatCompletionChunk.Choice choice : chunk.choices()) {
                    Map<String, JsonValue> extensions = choice.delta()._additionalProperties();
                    if (extensions.containsKey("reasoning_content")) {
                        reasoning.append(extensions.get("reasoning_content").asStringOrThrow());
                    }
                    if (extensions.containsKey("thinking_blocks")) {
                        thinkingBlocks.add(extensions.get("thinking_blocks"));
                    }
                }
            });
        }
        ChatCompletion streamed = accumulator.chatCompletion();
        JsonNode sent = body(anthropic.lastRequest());

        assertThat(sent.path("thinking").path("budget_tokens").asInt())
                .as("high effort cut below the client's limit")
                .isEqualTo(7999);
        assertThat(sent.path("max_tokens").asInt()).isEqualTo(8000);
        Map<String, JsonValue> plainExtensions =
                plain.choices().get(0).message()._additionalProperties();
        assertThat(plainExtensions.get("reasoning_content")).isEqualTo(JsonValue.from("Six times seven is 42."));
        assertThat(plainExtensions.get("thinking_blocks"))
                .isEqualTo(JsonValue.from(List.of(
                        Map.of("type", "thinking", "thinking", "Six times seven is 42.", "signature", "sig-42"))));
        assertThat(reasoning.toString()).isEqualTo("Six times seven is 42.");
        assertThat(thinkingBlocks)
                .as("the signature of the thinking just streamed as reasoning_content")
                .containsExactly(
                        JsonValue.from(List.of(Map.of("type", "thinking", "thinking", "", "signature", "sig-42"))));
        assertThat(streamed.choices().get(0).message().content()).hasValue("42.");
        assertThat(plain.choices().get(0).message().content()).hasValue("42.");
        assertThat(streamed.choices().get(0).finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.STOP);
        assertThat(streamed.usage()).isEqualTo(plain.usage());
        assertThat(streamed.usage().orElseThrow().promptTokens()).isEqualTo(12);
        assertThat(streamed.usage().orElseThrow().completionTokens()).isEqualTo(30);

        // Echoed with the joined reasoning and the streamed signature, the next turn gives Anthropic the whole
        // signed thinking back.
        anthropic.enqueue(FakeUpstream.json(200, Payloads.anthropicMessage("claude-target", "48.")));
        openAiSdk
                .chat()
                .completions()
                .create(chat("on-anthropic")
                        .reasoningEffort(ReasoningEffort.HIGH)
                        .maxCompletionTokens(8000)
                        .addMessage(streamed.choices().get(0).message().toParam().toBuilder()
                                .putAdditionalProperty("reasoning_content", JsonValue.from(reasoning.toString()))
                                .putAdditionalProperty("thinking_blocks", thinkingBlocks.get(0))
                                .build())
                        .addUserMessage("And six times eight?")
                        .build());
        assertThat(body(anthropic.lastRequest()).path("messages").get(1)).isEqualTo(tree(j("""
                        {'role':'assistant','content':[\
                        {'type':'thinking','thinking':'Six times seven is 42.','signature':'sig-42'},\
                        {'type':'text','text':'42.'}]}""")));
    }

    // ---- comparisons -------------------------------------------------------------------------------------------

    /** A tool call as a client uses it: arguments parsed, so equal JSON is equal whatever its spacing. */
    record Call(String id, String name, JsonNode arguments) {}

    /** The thinking answer both thinking tests expect: its blocks, text, stop reason and usage. */
    private static void assertParisWithThinking(Message translated) {
        assertThat(kinds(translated)).containsExactly("thinking", "text");
        assertThat(thinkingText(translated)).isEqualTo("The capital of France is Paris.");
        assertThat(text(translated)).isEqualTo("Paris.");
        assertThat(translated.stopReason()).hasValue(StopReason.END_TURN);
        assertThat(translated.usage().inputTokens()).isEqualTo(20);
        assertThat(translated.usage().outputTokens()).isEqualTo(50);
        assertThat(translated.usage().outputTokensDetails().orElseThrow().thinkingTokens())
                .isEqualTo(30);
    }

    private static void assertSameAnswer(Message translated, Message direct) {
        assertThat(translated.content()).as("content blocks").isEqualTo(direct.content());
        assertThat(translated.stopReason()).as("stop reason").isEqualTo(direct.stopReason());
        assertThat(translated.usage()).as("usage").isEqualTo(direct.usage());
    }

    private static void assertSameAnswer(ChatCompletion translated, ChatCompletion direct) {
        ChatCompletion.Choice got = translated.choices().get(0);
        ChatCompletion.Choice expected = direct.choices().get(0);
        assertThat(got.message().content())
                .as("text")
                .isEqualTo(expected.message().content());
        assertThat(toolCalls(got.message())).as("tool calls").isEqualTo(toolCalls(expected.message()));
        assertThat(got.finishReason()).as("finish reason").isEqualTo(expected.finishReason());
        assertThat(translated.usage()).as("usage").isEqualTo(direct.usage());
    }

    /** The parallel tool-call answer both OpenAI-client tool tests expect: text, two calls, finish reason, usage. */
    private static void assertTwoToolCallsWithCacheUsage(ChatCompletion translated) {
        ChatCompletion.Choice choice = translated.choices().get(0);
        assertThat(choice.message().content()).hasValue("Checking both.");
        assertThat(toolCalls(choice.message()))
                .containsExactly(
                        new Call("toolu_weather", "get_weather", tree("{\"city\":\"Paris\"}")),
                        new Call("toolu_time", "get_time", tree("{\"tz\":\"Europe/Paris\"}")));
        assertThat(choice.finishReason()).isEqualTo(ChatCompletion.Choice.FinishReason.TOOL_CALLS);
        assertCacheUsage(translated.usage().orElseThrow());
    }

    private static void assertCacheUsage(CompletionUsage usage) {
        assertThat(usage.promptTokens())
                .as("uncached + cache reads + cache writes")
                .isEqualTo(130);
        assertThat(usage.promptTokensDetails().orElseThrow().cachedTokens()).hasValue(100L);
        assertThat(usage._additionalProperties().get("cache_creation_input_tokens"))
                .isEqualTo(JsonValue.from(20));
        assertThat(usage.completionTokens()).isEqualTo(40);
        assertThat(usage.totalTokens()).isEqualTo(170);
    }

    private static List<Call> toolUses(Message message) {
        return message.content().stream()
                .flatMap(block -> block.toolUse().stream())
                .map(tool -> new Call(tool.id(), tool.name(), tree(anthropicJson(tool))))
                .toList();
    }

    private static String anthropicJson(ToolUseBlock tool) {
        try {
            return com.anthropic.core.ObjectMappers.jsonMapper().writeValueAsString(tool._input());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<Call> toolCalls(ChatCompletionMessage message) {
        return message.toolCalls().orElse(List.of()).stream()
                .map(call -> call.asFunction())
                .map(call -> new Call(
                        call.id(), call.function().name(), tree(call.function().arguments())))
                .toList();
    }

    private static List<String> kinds(Message message) {
        return message.content().stream().map(CrossProtocolSdkTest::kind).toList();
    }

    private static String kind(ContentBlock block) {
        if (block.isThinking()) {
            return "thinking";
        }
        if (block.isText()) {
            return "text";
        }
        return block.isToolUse() ? "tool_use" : "other";
    }

    private static String text(Message message) {
        return message.content().stream()
                .flatMap(block -> block.text().stream())
                .map(TextBlock::text)
                .collect(Collectors.joining());
    }

    private static String thinkingText(Message message) {
        return message.content().stream()
                .flatMap(block -> block.thinking().stream())
                .map(ThinkingBlock::thinking)
                .collect(Collectors.joining());
    }

    // ---- SDK calls ---------------------------------------------------------------------------------------------

    private static ChatCompletionCreateParams thinkingWithTool() {
        return chat("on-anthropic")
                .reasoningEffort(ReasoningEffort.LOW)
                .addTool(openAiTool("get_weather", "city"))
                .build();
    }

    private static MessageCreateParams.Builder message(String model) {
        return MessageCreateParams.builder().model(model).maxTokens(1024).addUserMessage("Weather and time in Paris?");
    }

    private static MessageCreateParams.Builder thinking(String model, long budget) {
        return MessageCreateParams.builder()
                .model(model)
                .maxTokens(16000)
                .enabledThinking(budget)
                .addUserMessage("What is the capital of France?");
    }

    private static ChatCompletionCreateParams.Builder chat(String model) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessage("Weather and time in Paris?");
    }

    private static Message accumulate(MessageCreateParams params) {
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream =
                anthropicSdk.messages().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        return accumulator.message();
    }

    private static ChatCompletion accumulate(ChatCompletionCreateParams params) {
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        try (var stream = openAiSdk.chat().completions().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        return accumulator.chatCompletion();
    }

    private static Tool anthropicTool(String name, String parameter) {
        return Tool.builder()
                .name(name)
                .inputSchema(Tool.InputSchema.builder()
                        .properties(Tool.InputSchema.Properties.builder()
                                .putAdditionalProperty(
                                        parameter, com.anthropic.core.JsonValue.from(Map.of("type", "string")))
                                .build())
                        .addRequired(parameter)
                        .build())
                .build();
    }

    private static ChatCompletionFunctionTool openAiTool(String name, String parameter) {
        return ChatCompletionFunctionTool.builder()
                .function(FunctionDefinition.builder()
                        .name(name)
                        .parameters(FunctionParameters.builder()
                                .putAdditionalProperty("type", JsonValue.from("object"))
                                .putAdditionalProperty(
                                        "properties", JsonValue.from(Map.of(parameter, Map.of("type", "string"))))
                                .putAdditionalProperty("required", JsonValue.from(List.of(parameter)))
                                .build())
                        .build())
                .build();
    }

    private static JsonNode body(FakeUpstream.Recorded request) {
        return tree(request.bodyText());
    }

    private static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }
}
