package com.llmgateway.health;

import static com.llmgateway.health.ErrorDecision.FAIL_OVER;
import static com.llmgateway.health.ErrorDecision.RETRY_SAME_PROVIDER;
import static com.llmgateway.health.ErrorDecision.RETURN_TO_CLIENT;
import static com.llmgateway.health.FailureKind.AUTH;
import static com.llmgateway.health.FailureKind.CLIENT_ERROR;
import static com.llmgateway.health.FailureKind.POOL_FULL;
import static com.llmgateway.health.FailureKind.STATUS_429;
import static com.llmgateway.health.FailureKind.STATUS_4XX;
import static com.llmgateway.health.FailureKind.STATUS_5XX;
import static com.llmgateway.health.FailureKind.STREAM_ERROR;
import static com.llmgateway.health.FailureKind.TIMEOUT;
import static com.llmgateway.health.FailureKind.TRANSPORT;
import static com.llmgateway.health.PolicyJsonText.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ErrorPolicyTest {

    static Stream<Arguments> presets() {
        return Stream.of(
                arguments(TRANSPORT, RETRY_SAME_PROVIDER, RETRY_SAME_PROVIDER),
                arguments(TIMEOUT, RETRY_SAME_PROVIDER, RETRY_SAME_PROVIDER),
                arguments(STATUS_5XX, RETRY_SAME_PROVIDER, RETRY_SAME_PROVIDER),
                arguments(STATUS_429, FAIL_OVER, FAIL_OVER),
                arguments(AUTH, FAIL_OVER, FAIL_OVER),
                arguments(STATUS_4XX, FAIL_OVER, FAIL_OVER),
                arguments(POOL_FULL, FAIL_OVER, FAIL_OVER),
                arguments(STREAM_ERROR, FAIL_OVER, FAIL_OVER),
                // The one difference: the original failed over on every status below 500.
                arguments(CLIENT_ERROR, RETURN_TO_CLIENT, FAIL_OVER));
    }

    @ParameterizedTest(name = "{0}: default {1}, original {2}")
    @MethodSource("presets")
    void presetsDecidePerKind(FailureKind kind, ErrorDecision byDefault, ErrorDecision original) {
        assertThat(ErrorPolicy.DEFAULT.decide(kind)).isEqualTo(byDefault);
        assertThat(ErrorPolicy.ORIGINAL.decide(kind)).isEqualTo(original);
    }

    static Stream<Arguments> statuses() {
        return Stream.of(
                arguments(400, CLIENT_ERROR),
                arguments(404, CLIENT_ERROR),
                arguments(413, CLIENT_ERROR),
                arguments(422, CLIENT_ERROR),
                arguments(401, AUTH),
                arguments(403, AUTH),
                arguments(429, STATUS_429),
                arguments(402, STATUS_4XX),
                arguments(408, STATUS_4XX),
                arguments(409, STATUS_4XX),
                arguments(101, STATUS_4XX),
                arguments(500, STATUS_5XX),
                arguments(503, STATUS_5XX),
                arguments(529, STATUS_5XX));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("statuses")
    void statusesHaveTheirKind(int status, FailureKind kind) {
        assertThat(FailureKind.ofStatus(status)).isEqualTo(kind);
    }

    static Stream<Arguments> parsed() {
        return Stream.of(
                arguments("null", ErrorPolicy.DEFAULT),
                arguments("'default'", ErrorPolicy.DEFAULT),
                arguments("'original'", ErrorPolicy.ORIGINAL),
                arguments("{}", ErrorPolicy.DEFAULT),
                arguments("{'preset': 'original'}", ErrorPolicy.ORIGINAL),
                arguments("{'on_client_error': 'fail_over'}", ErrorPolicy.ORIGINAL),
                arguments("{'preset': 'original', 'on_client_error': 'return_to_client'}", ErrorPolicy.DEFAULT),
                arguments("{'on_5xx': 'fail_over', 'on_429': null}", ErrorPolicy.DEFAULT.with(STATUS_5XX, FAIL_OVER)),
                arguments(
                        "{'on_transport': 'fail_over', 'on_other_4xx': 'return_to_client', 'on_stream_error': 'retry_same_provider'}",
                        ErrorPolicy.DEFAULT
                                .with(TRANSPORT, FAIL_OVER)
                                .with(STATUS_4XX, RETURN_TO_CLIENT)
                                .with(STREAM_ERROR, RETRY_SAME_PROVIDER)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parsed")
    void parsesPresetsAndOverrides(String text, ErrorPolicy expected) throws PolicyException {
        assertThat(ErrorPolicy.parse(json(text))).isEqualTo(expected);
        assertThat(ErrorPolicy.parse(null)).isEqualTo(ErrorPolicy.DEFAULT);
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                arguments("'strict'", "preset name: unknown preset \"strict\"; accepted: default, original"),
                arguments("42", "must be an object like"),
                arguments("[]", "must be an object like"),
                arguments("{'preset': 'lenient'}", "preset: unknown preset \"lenient\""),
                arguments(
                        "{'on_4xx': 'fail_over'}", "on_4xx: unknown field; accepted: preset, on_transport, on_timeout"),
                arguments(
                        "{'on_5xx': 'retry'}",
                        "on_5xx: unknown decision \"retry\"; accepted: retry_same_provider, fail_over, return_to_client"),
                arguments("{'on_auth': true}", "on_auth: unknown decision true"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refusesWhatItCannotUseNamingTheField(String text, String message) {
        assertThatThrownBy(() -> ErrorPolicy.parse(json(text)))
                .isInstanceOf(PolicyException.class)
                .hasMessageContaining(message);
    }

    @Test
    void everyKindHasAnOverrideKey() throws PolicyException {
        for (FailureKind kind : FailureKind.values()) {
            ErrorPolicy policy = ErrorPolicy.parse(json("{'on_" + kind.wireName() + "': 'return_to_client'}"));

            assertThat(policy.decide(kind)).isEqualTo(RETURN_TO_CLIENT);
        }
    }

    @Test
    void normalizedJsonNamesPresetsAndListsDifferences() throws PolicyException {
        ErrorPolicy custom = ErrorPolicy.DEFAULT.with(STATUS_5XX, FAIL_OVER);

        assertThat(ErrorPolicy.DEFAULT.json()).isEqualTo(json("'default'"));
        assertThat(ErrorPolicy.ORIGINAL.json()).isEqualTo(json("'original'"));
        assertThat(custom.json()).isEqualTo(json("{'preset': 'default', 'on_5xx': 'fail_over'}"));
        assertThat(ErrorPolicy.parse(custom.json())).isEqualTo(custom);
    }
}
