package com.llmgateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DotEnvTest {

    static Stream<Arguments> files() {
        return Stream.of(
                Arguments.of("plain line", "A=1", Map.of("A", "1")),
                Arguments.of(
                        "comments and blank lines",
                        "# a comment\n\nA=1\n   \n   # an indented comment\nB=2\n",
                        Map.of("A", "1", "B", "2")),
                Arguments.of("export prefix", "export A=1\nexport\tB=2", Map.of("A", "1", "B", "2")),
                Arguments.of("spaces around key and value", "  A  =  1  ", Map.of("A", "1")),
                Arguments.of(
                        "'=' inside the value",
                        "DATABASE_URL=postgresql://u:p=w@h/db?a=1&b=2",
                        Map.of("DATABASE_URL", "postgresql://u:p=w@h/db?a=1&b=2")),
                Arguments.of("double quotes", "A=\"hello world\"", Map.of("A", "hello world")),
                Arguments.of("single quotes", "A='hello world'", Map.of("A", "hello world")),
                Arguments.of("empty value", "A=", Map.of("A", "")),
                Arguments.of("empty quotes", "A=\"\"", Map.of("A", "")),
                Arguments.of("comment after unquoted value", "A=value # note", Map.of("A", "value")),
                Arguments.of("comment after a tab", "A=value\t# note", Map.of("A", "value")),
                Arguments.of("'#' without space is part of the value", "A=abc#def", Map.of("A", "abc#def")),
                Arguments.of("comment after quoted value", "A=\"value\" # note", Map.of("A", "value")),
                Arguments.of("'#' inside quotes", "A=\"a # b\"", Map.of("A", "a # b")),
                Arguments.of("quote inside a quoted value", "A=\"p\\\"w\"", Map.of("A", "p\"w")),
                Arguments.of("backslash escape in double quotes", "A=\"a\\\\b\"", Map.of("A", "a\\b")),
                Arguments.of("newline escape in double quotes", "A=\"a\\nb\"", Map.of("A", "a\nb")),
                Arguments.of("single quotes keep \\n", "A='a\\nb'", Map.of("A", "a\\nb")),
                Arguments.of("escaped single quote", "A='it\\'s'", Map.of("A", "it's")),
                Arguments.of("unterminated quote is kept as written", "A=\"abc", Map.of("A", "\"abc")),
                Arguments.of("CRLF line endings", "A=1\r\nB=2\r\n", Map.of("A", "1", "B", "2")),
                Arguments.of("byte order mark", "\uFEFFA=1\nB=2", Map.of("A", "1", "B", "2")),
                Arguments.of("lines without a key are ignored", "JUST TEXT\n=novalue\nA=1", Map.of("A", "1")),
                Arguments.of("the last duplicate wins", "A=1\nA=2", Map.of("A", "2")),
                Arguments.of("empty file", "", Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("files")
    void parses(String description, String text, Map<String, String> expected) {
        assertThat(DotEnv.parse(text)).containsExactlyInAnyOrderEntriesOf(expected);
    }
}
