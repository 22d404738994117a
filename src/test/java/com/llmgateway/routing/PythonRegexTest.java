package com.llmgateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.time.Duration;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PythonRegexTest {

    static Stream<Arguments> translations() {
        return Stream.of(
                arguments("(?P<name>a)(?P=name)", "(?<pyGroup1>a)\\k<pyGroup1>"),
                arguments("(?P<first_name>\\w+) (?P<last>\\w+)", "(?<pyGroup1>\\w+) (?<pyGroup2>\\w+)"),
                arguments("a\\Z", "a\\z"),
                arguments("a{,3}", "a{0,3}"),
                arguments("a{,}", "a{0,}"),
                arguments("a{2,}b{2}c{1,4}", "a{2,}b{2}c{1,4}"),
                arguments("{foo}", "\\{foo}"),
                arguments("a{}", "a\\{}"),
                arguments("[[]", "[\\[]"),
                arguments("[a&&b]", "[a\\&\\&b]"),
                arguments("[]a]", "[\\]a]"),
                arguments("[^]a]", "[^\\]a]"),
                arguments("[(?P<x>)]", "[(?P<x>)]"),
                arguments("\\(?P<x>", "\\(?P<x>"),
                arguments("(?<=a)b(?<!c)", "(?<=a)b(?<!c)"),
                arguments("[\\]]x", "[\\]]x"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("translations")
    void translatesPythonSyntax(String python, String java) {
        assertThat(PythonRegex.toJava(python)).isEqualTo(java);
    }

    static Stream<Arguments> searches() {
        return Stream.of(
                arguments("lic", "alice", true),
                arguments("^lic", "alice", false),
                arguments("^a.*e$", "alice", true),
                arguments("a$", "a\n", true),
                arguments("a\\Z", "a\n", false),
                arguments("a\\Z", "a", true),
                arguments(".", "\r", true),
                arguments("^\\d+$", "\u0661\u0662\u0663", true),
                arguments("\\bcaf\u00e9\\b", "un caf\u00e9 noir", true),
                arguments("(?i)ALICE", "alice", true),
                arguments("(?P<w>\\w)(?P=w)", "hello", true),
                arguments("(?P<w>\\w)(?P=w)", "helo", false),
                arguments("x{,2}y", "xxy", true),
                arguments("a{b}", "a{b}", true),
                arguments("[[]", "[", true));
    }

    @ParameterizedTest(name = "{0} in {1} -> {2}")
    @MethodSource("searches")
    void searchesLikePython(String pattern, String text, boolean expected) {
        assertThat(PythonRegex.find(PythonRegex.compile(pattern), text)).isEqualTo(expected);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                arguments("(", "Unclosed group"),
                arguments("(?P<a>x)(?P<a>y)", "redefinition of group name 'a'"),
                arguments("(?P<a", "missing '>' in group name"),
                arguments("(?P<>a)", "missing group name"),
                arguments("(?P=b)", "unknown group name 'b'"),
                arguments("[abc", "unterminated character set"),
                arguments("abc\\", "bad escape (end of pattern)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void refusesInvalidPatterns(String pattern, String description) {
        assertThatThrownBy(() -> PythonRegex.compile(pattern))
                .isInstanceOf(PatternSyntaxException.class)
                .extracting(e -> ((PatternSyntaxException) e).getDescription())
                .isEqualTo(description);
    }

    @Test
    void catastrophicBacktrackingIsNoMatchRatherThanAHang() {
        // Java memoizes the textbook (a+)+$, but not loops around a backreference: unbounded, this takes minutes.
        var pattern = PythonRegex.compile("(a*)*b\\1");
        String text = "a".repeat(40) + "!";

        boolean found = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> PythonRegex.find(pattern, text));

        assertThat(found).isFalse();
    }

    @Test
    void aLinearSearchOverALongTextFitsTheBudget() {
        String text = "x".repeat(2_000_000) + "needle";

        assertThat(PythonRegex.find(PythonRegex.compile("ne+dle$"), text)).isTrue();
        assertThat(PythonRegex.find(PythonRegex.compile("[a-z]+\\d"), text + "7"))
                .isTrue();
    }
}
