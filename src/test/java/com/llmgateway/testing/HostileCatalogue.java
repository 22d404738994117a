package com.llmgateway.testing;

import static com.llmgateway.testing.BodySeed.concat;
import static com.llmgateway.testing.BodySeed.utf8;
import static com.llmgateway.testing.HostileBodies.DEEP_NESTING;
import static com.llmgateway.testing.HostileBodies.HUGE_STRING_BYTES;

import com.llmgateway.testing.HostileBodies.NamedBody;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/** The hand-written hostile bodies of {@link HostileBodies#catalogue}, in groups; built lazily (some are huge). */
final class HostileCatalogue {
    /** An entry whose body is made only when asked for. */
    record Entry(String name, Supplier<byte[]> body) {
        NamedBody build() {
            return new NamedBody(name, body.get());
        }
    }

    static final List<NamedBody> INVALID_UTF8 = List.of(
            bytes("overlong '/' (C0 AF)", 0xC0, 0xAF),
            bytes("overlong NUL (C0 80)", 0xC0, 0x80),
            bytes("overlong 3-byte '/' (E0 80 AF)", 0xE0, 0x80, 0xAF),
            bytes("lone continuation byte (80)", 0x80),
            bytes("lone continuation byte (BF)", 0xBF),
            bytes("UTF-8-encoded high surrogate U+D800", 0xED, 0xA0, 0x80),
            bytes("UTF-8-encoded low surrogate U+DFFF", 0xED, 0xBF, 0xBF),
            bytes("UTF-8-encoded surrogate pair (CESU-8)", 0xED, 0xA0, 0xBD, 0xED, 0xB8, 0x80),
            bytes("truncated 2-byte sequence (C3)", 0xC3),
            bytes("truncated 3-byte sequence (E2 82)", 0xE2, 0x82),
            bytes("truncated 4-byte sequence (F0 9F 98)", 0xF0, 0x9F, 0x98),
            bytes("code point above U+10FFFF (F4 90 80 80)", 0xF4, 0x90, 0x80, 0x80),
            bytes("byte FF", 0xFF));

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final byte[] UTF16LE_BOM = {(byte) 0xFF, (byte) 0xFE};
    private static final byte[] NUL = {0};

    private HostileCatalogue() {}

    static List<Entry> of(BodySeed seed) {
        List<Entry> all = new ArrayList<>();
        all.addAll(framing(seed));
        all.addAll(modelField(seed));
        all.addAll(structure(seed));
        all.addAll(encoding(seed));
        all.addAll(size(seed));
        return all;
    }

    private static List<Entry> framing(BodySeed seed) {
        byte[] s = seed.bytes();
        return List.of(
                entry("empty body", () -> new byte[0]),
                entry("whitespace only", () -> utf8(" \t\r\n  \n")),
                entry("UTF-8 byte order mark then the seed", () -> concat(UTF8_BOM, s)),
                entry("UTF-8 byte order mark only", UTF8_BOM::clone),
                entry("NUL byte only", NUL::clone),
                entry("NUL byte before the seed", () -> concat(NUL, s)),
                entry("NUL byte after the seed", () -> concat(s, NUL)),
                entry("NUL byte inside the model", () -> seed.objectWith(seed.modelMemberWith(NUL))),
                entry("truncated to its first byte", () -> Arrays.copyOf(s, 1)),
                entry("truncated at half", () -> Arrays.copyOf(s, s.length / 2)),
                entry("truncated before the closing brace", () -> Arrays.copyOf(s, seed.lastSignificant())),
                entry("the seed twice", () -> concat(s, s)),
                entry("the seed then garbage", () -> concat(s, utf8("garbage"))));
    }

    private static List<Entry> modelField(BodySeed seed) {
        String model = seed.modelJson();
        return List.of(
                entry("missing model", () -> utf8("{" + seed.otherMembers() + "}")),
                entry("model as a number", () -> seed.objectWith("\"model\":42")),
                entry("model as a decimal", () -> seed.objectWith("\"model\":4.5e1")),
                entry("model as null", () -> seed.objectWith("\"model\":null")),
                entry("model as true", () -> seed.objectWith("\"model\":true")),
                entry("model as false", () -> seed.objectWith("\"model\":false")),
                entry("model as an object", () -> seed.objectWith("\"model\":{\"id\":" + model + "}")),
                entry("model as an empty object", () -> seed.objectWith("\"model\":{}")),
                entry("model as an array", () -> seed.objectWith("\"model\":[" + model + "]")),
                entry("model as an empty array", () -> seed.objectWith("\"model\":[]")),
                entry("model as an empty string", () -> seed.objectWith("\"model\":\"\"")),
                entry("model as a lone surrogate escape", () -> seed.objectWith("\"model\":\"\\ud800\"")),
                entry("model with a raw newline", () -> seed.objectWith("\"model\":\"gpt\n4\"")),
                entry("model with an invalid escape", () -> seed.objectWith("\"model\":\"gpt\\x41\"")),
                entry(
                        "model key duplicated with another model",
                        () -> seed.objectWith("\"model\":" + model + ",\"model\":\"other-model\"")),
                entry(
                        "model key duplicated with the same model",
                        () -> seed.objectWith("\"model\":" + model + ",\"model\":" + model)),
                entry("model key duplicated with a number last", () -> seed.objectEndingWith("\"model\":42")),
                entry("model key spelled Model", () -> seed.objectWith("\"Model\":" + model)),
                entry("model key escaped as \\u006dodel", () -> seed.objectWith("\"\\u006dodel\":" + model)),
                entry("model only nested", () -> seed.objectWith("\"x\":{\"model\":" + model + "}")));
    }

    private static List<Entry> structure(BodySeed seed) {
        byte[] s = seed.bytes();
        String model = seed.modelJson();
        return List.of(
                entry("array root holding the seed", () -> concat(utf8("["), s, utf8("]"))),
                entry("empty array root", () -> utf8("[]")),
                entry("string root", () -> utf8(model)),
                entry("number root", () -> utf8("42")),
                entry("null root", () -> utf8("null")),
                entry("boolean root", () -> utf8("true")),
                entry("empty object", () -> utf8("{}")),
                entry("trailing comma", () -> seed.objectEndingWith("\"x\":1,")),
                entry("single quotes", () -> utf8("{'model':'" + seed.model() + "'}")),
                entry("unquoted key", () -> utf8("{model:" + model + "}")),
                entry("comment before the seed", () -> concat(utf8("/* hi */"), s)),
                entry("NaN value", () -> seed.objectEndingWith("\"temperature\":NaN")));
    }

    private static List<Entry> encoding(BodySeed seed) {
        List<Entry> entries = new ArrayList<>();
        for (NamedBody sequence : INVALID_UTF8) {
            entries.add(entry(
                    "invalid UTF-8 in the model: " + sequence.name(),
                    () -> seed.objectWith(seed.modelMemberWith(sequence.body()))));
        }
        entries.add(entry(
                "UTF-16LE with byte order mark",
                () -> concat(
                        UTF16LE_BOM,
                        new String(seed.bytes(), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16LE))));
        entries.add(entry(
                "Latin-1 model",
                () -> seed.objectWith("\"model\":\"caf\u00e9\"".getBytes(StandardCharsets.ISO_8859_1))));
        return entries;
    }

    private static List<Entry> size(BodySeed seed) {
        return List.of(
                entry(DEEP_NESTING + " unclosed [", () -> utf8("[".repeat(DEEP_NESTING))),
                entry(
                        DEEP_NESTING + " nested arrays in a member",
                        () -> seed.objectEndingWith("\"x\":" + "[".repeat(DEEP_NESTING) + "]".repeat(DEEP_NESTING))),
                entry(
                        DEEP_NESTING + " nested objects in a member",
                        () -> seed.objectEndingWith(
                                "\"x\":" + "{\"a\":".repeat(DEEP_NESTING) + "1" + "}".repeat(DEEP_NESTING))),
                entry(
                        "2 MiB string member",
                        () -> seed.objectEndingWith("\"x\":\"" + "a".repeat(HUGE_STRING_BYTES) + "\"")),
                entry("2 MiB model", () -> seed.objectWith("\"model\":\"" + "m".repeat(HUGE_STRING_BYTES) + "\"")),
                entry("2 MiB unterminated string", () -> utf8("{\"model\":\"" + "a".repeat(HUGE_STRING_BYTES))),
                entry("1 MiB number", () -> seed.objectEndingWith("\"x\":" + "9".repeat(1024 * 1024))));
    }

    private static Entry entry(String name, Supplier<byte[]> body) {
        return new Entry(name, body);
    }

    private static NamedBody bytes(String name, int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return new NamedBody(name, bytes);
    }
}
