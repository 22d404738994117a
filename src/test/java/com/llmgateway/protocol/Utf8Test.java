package com.llmgateway.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class Utf8Test {

    static Stream<Arguments> sequences() {
        return Stream.of(
                Arguments.of("", true),
                Arguments.of("7f", true), // U+007F, last ASCII
                Arguments.of("c280", true), // U+0080
                Arguments.of("dfbf", true), // U+07FF
                Arguments.of("e0a080", true), // U+0800
                Arguments.of("ed9fbf", true), // U+D7FF, just below the surrogates
                Arguments.of("ee8080", true), // U+E000, just above them
                Arguments.of("efbfbf", true), // U+FFFF
                Arguments.of("f0908080", true), // U+10000
                Arguments.of("f48fbfbf", true), // U+10FFFF
                Arguments.of("c080", false), // overlong U+0000
                Arguments.of("c1bf", false), // overlong U+007F
                Arguments.of("e09fbf", false), // overlong U+07FF
                Arguments.of("f08fbfbf", false), // overlong U+FFFF
                Arguments.of("eda080", false), // U+D800
                Arguments.of("edbfbf", false), // U+DFFF
                Arguments.of("eda0bdedb2a9", false), // CESU-8 surrogate pair
                Arguments.of("f4908080", false), // U+110000
                Arguments.of("f5808080", false),
                Arguments.of("f8888080", false), // five-byte form
                Arguments.of("fe", false),
                Arguments.of("ff", false),
                Arguments.of("80", false), // stray continuation
                Arguments.of("bf", false),
                Arguments.of("c2", false), // truncated
                Arguments.of("e0a0", false),
                Arguments.of("f09080", false),
                Arguments.of("c241", false), // continuation replaced by ASCII
                Arguments.of("e0a041", false),
                Arguments.of("f09041", false),
                Arguments.of("c2c280", false));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("sequences")
    void validatesAtEveryAlignment(String hex, boolean valid) {
        byte[] sequence = HexFormat.of().parseHex(hex);
        // Shift the sequence across the eight-byte ASCII fast path, with ASCII after it too.
        for (int prefix = 0; prefix <= 9; prefix++) {
            for (int suffix : new int[] {0, 1, 9}) {
                byte[] b = new byte[prefix + sequence.length + suffix];
                Arrays.fill(b, (byte) 'a');
                System.arraycopy(sequence, 0, b, prefix, sequence.length);
                assertThat(Utf8.isValid(b, 0, b.length))
                        .as("prefix %d suffix %d", prefix, suffix)
                        .isEqualTo(valid);
                if (!valid) {
                    assertThat(Utf8.firstInvalid(b, 0, b.length)).isGreaterThanOrEqualTo(prefix);
                }
            }
        }
    }

    @Test
    void looksOnlyInsideTheRange() {
        byte[] b = {(byte) 0xFF, 'a', (byte) 0xC3, (byte) 0xA9, (byte) 0xFF};

        assertThat(Utf8.isValid(b, 1, 3)).isTrue();
        assertThat(Utf8.isValid(b, 1, 2)).as("a sequence cut by the range end").isFalse();
        assertThat(Utf8.firstInvalid(b, 0, 5)).isZero();
        assertThat(Utf8.firstInvalid(b, 1, 4)).isEqualTo(4);
    }

    @Test
    void agreesWithTheJdkStrictDecoderOnRandomInput() {
        Random random = new Random(7L);
        IntStream.range(0, 20_000).forEach(i -> {
            byte[] b = randomMostlyUtf8(random);
            assertThat(Utf8.isValid(b, 0, b.length))
                    .as(HexFormat.of().formatHex(b))
                    .isEqualTo(jdkAccepts(b));
        });
    }

    /** Valid text with the odd random byte, so that both outcomes are common. */
    private static byte[] randomMostlyUtf8(Random random) {
        StringBuilder s = new StringBuilder();
        for (int i = random.nextInt(20); i > 0; i--) {
            s.appendCodePoint(random.nextBoolean() ? 'a' + random.nextInt(26) : random.nextInt(0x110000));
        }
        byte[] b = s.toString().getBytes(StandardCharsets.UTF_8);
        if (b.length > 0 && random.nextInt(3) == 0) {
            b[random.nextInt(b.length)] = (byte) random.nextInt(256);
        }
        return b;
    }

    private static boolean jdkAccepts(byte[] b) {
        try {
            StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
