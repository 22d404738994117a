package com.llmgateway.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

/**
 * A valid request body taken apart for {@link HostileBodies}: its model, its other members, where its strings and
 * structural characters are, and the random mutations that break it.
 */
final class BodySeed {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Bytes that are invalid wherever they are inserted into valid UTF-8 JSON. */
    private static final int[] POISON_BYTES = {0x00, 0x80, 0xBF, 0xC0, 0xC1, 0xF5, 0xFE, 0xFF};

    private final byte[] bytes;
    private final String model;
    private final String otherMembers;
    /** [first, last] insertion positions that land inside a string, one pair per string (keys too). */
    private final List<int[]> stringInteriors = new ArrayList<>();
    /** Quotes delimiting strings, and brackets and braces outside strings. */
    private final List<Integer> structural = new ArrayList<>();

    private int lastSignificant;

    BodySeed(byte[] seed) {
        this.bytes = seed.clone();
        ObjectNode object = parseObject(bytes);
        this.model = object.get("model").textValue();
        ObjectNode others = object.deepCopy();
        others.remove("model");
        String othersJson = write(others);
        this.otherMembers = othersJson.substring(1, othersJson.length() - 1);
        scan();
    }

    private static ObjectNode parseObject(byte[] bytes) {
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root instanceof ObjectNode object && object.path("model").isTextual()) {
                return object;
            }
        } catch (IOException e) {
            // reported below
        }
        throw new IllegalArgumentException("the seed must be a JSON object with a string \"model\"");
    }

    private void scan() {
        boolean inString = false;
        boolean escaped = false;
        int stringStart = 0;
        for (int i = 0; i < bytes.length; i++) {
            byte b = bytes[i];
            if (inString) {
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                    structural.add(i);
                    stringInteriors.add(new int[] {stringStart, i});
                }
            } else if (b == '"') {
                inString = true;
                stringStart = i + 1;
                structural.add(i);
            } else if (b == '{' || b == '}' || b == '[' || b == ']') {
                structural.add(i);
            }
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                lastSignificant = i;
            }
        }
    }

    /** Cut somewhere before the closing brace (possibly to nothing). */
    byte[] truncated(Random random) {
        return Arrays.copyOf(bytes, random.nextInt(lastSignificant + 1));
    }

    /**
     * One to four bytes XORed at distinct places; the first gets its high bit toggled, which breaks UTF-8 wherever it
     * lands (an ASCII byte becomes a lone lead or continuation byte; a multi-byte sequence loses a byte).
     */
    byte[] flipped(Random random) {
        byte[] body = bytes.clone();
        TreeSet<Integer> positions = new TreeSet<>();
        int flips = 1 + random.nextInt(Math.min(4, body.length));
        while (positions.size() < flips) {
            positions.add(random.nextInt(body.length));
        }
        boolean first = true;
        for (int position : positions) {
            int mask = first ? 0x80 | random.nextInt(0x80) : 1 + random.nextInt(255);
            body[position] ^= (byte) mask;
            first = false;
        }
        return body;
    }

    /** One to four random bytes inserted at random places, the first of them a poison byte. */
    byte[] inserted(Random random) {
        byte[] body = bytes;
        int insertions = 1 + random.nextInt(4);
        for (int i = 0; i < insertions; i++) {
            int value = i == 0 ? POISON_BYTES[random.nextInt(POISON_BYTES.length)] : random.nextInt(256);
            body = insert(body, random.nextInt(body.length + 1), new byte[] {(byte) value});
        }
        return body;
    }

    /** One to three quotes, brackets or braces (never string contents) deleted. */
    byte[] withoutStructure(Random random) {
        TreeSet<Integer> positions = new TreeSet<>();
        int deletions = 1 + random.nextInt(Math.min(3, structural.size()));
        while (positions.size() < deletions) {
            positions.add(structural.get(random.nextInt(structural.size())));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            if (!positions.contains(i)) {
                out.write(bytes[i]);
            }
        }
        return out.toByteArray();
    }

    /** One of {@code sequences} inserted inside a random string (key or value). */
    byte[] withInvalidUtf8(Random random, List<HostileBodies.NamedBody> sequences) {
        int[] interior = stringInteriors.get(random.nextInt(stringInteriors.size()));
        int position = interior[0] + random.nextInt(interior[1] - interior[0] + 1);
        return insert(
                bytes, position, sequences.get(random.nextInt(sequences.size())).body());
    }

    byte[] bytes() {
        return bytes.clone();
    }

    String model() {
        return model;
    }

    /** The model as a JSON string literal. */
    String modelJson() {
        return write(model);
    }

    /** The seed's members other than the model, serialized, without braces; empty if there are none. */
    String otherMembers() {
        return otherMembers;
    }

    int lastSignificant() {
        return lastSignificant;
    }

    /** An object whose first member is {@code firstMember}, followed by the seed's other members. */
    byte[] objectWith(String firstMember) {
        return objectWith(utf8(firstMember));
    }

    byte[] objectWith(byte[] firstMember) {
        return concat(utf8("{"), firstMember, utf8((otherMembers.isEmpty() ? "" : "," + otherMembers) + "}"));
    }

    /** The seed's members, model first, then {@code member}. */
    byte[] objectEndingWith(String member) {
        return utf8(
                "{\"model\":" + modelJson() + (otherMembers.isEmpty() ? "" : "," + otherMembers) + "," + member + "}");
    }

    /** {@code "model":"<first half of the model><inserted bytes><second half>"}. */
    byte[] modelMemberWith(byte[] inserted) {
        String json = modelJson();
        int middle = 1 + (json.length() - 2) / 2;
        if (Character.isLowSurrogate(json.charAt(middle))) {
            middle++;
        }
        return concat(utf8("\"model\":" + json.substring(0, middle)), inserted, utf8(json.substring(middle)));
    }

    static byte[] insert(byte[] body, int position, byte[] inserted) {
        byte[] result = new byte[body.length + inserted.length];
        System.arraycopy(body, 0, result, 0, position);
        System.arraycopy(inserted, 0, result, position, inserted.length);
        System.arraycopy(body, position, result, position + inserted.length, body.length - position);
        return result;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
