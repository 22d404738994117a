package com.llmgateway.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A client's JSON request body, validated once and kept as the bytes the client sent.
 *
 * <p>{@link #parse} checks the whole document in one streaming pass (UTF-8, JSON syntax, a single object root, nesting
 * depth) but only decodes the top-level {@code model} and {@code stream} fields. Every other byte is forwarded
 * untouched: numbers are never converted, key order and whitespace are kept, and {@link #withModel} splices the new
 * model into the original bytes rather than re-serialising a tree.
 *
 * <p>{@link #tree()} caches without synchronisation and returned arrays are not copies: a request body belongs to one
 * event loop.
 */
public final class RequestBody {
    static final int MAX_NESTING_DEPTH = 200;

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    // Long strings (base64 images, whole documents in a prompt) are legal. A string can never be
                    // longer than the body, and the server already bounds the body size.
                    .maxStringLength(Integer.MAX_VALUE)
                    .build())
            // Parse errors are echoed to the client: they must not quote the body back.
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            // Keys are arbitrary client input: keep them out of the JVM string table.
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build();
    // Same factory, hence the same limits, so a body that parse() accepted always reads as a tree.
    private static final ObjectMapper TREES = new ObjectMapper(JSON);

    private static final int MAX_REASON_LENGTH = 200;

    private final byte[] bytes;
    private final String model;
    private final int modelStart;
    private final int modelEnd;
    private final boolean stream;
    private JsonNode tree;

    private RequestBody(byte[] bytes, String model, int modelStart, int modelEnd, boolean stream) {
        this.bytes = bytes;
        this.model = model;
        this.modelStart = modelStart;
        this.modelEnd = modelEnd;
        this.stream = stream;
    }

    /**
     * Validates {@code body} and locates its top-level {@code model}.
     *
     * @throws GatewayException with a 400 {@code invalid_request_error}: {@code invalid_json} when the body is not
     *     UTF-8 JSON with an object root, {@code missing_model} when there is no top-level {@code model}, {@code
     *     invalid_model} when it is not a non-empty string or appears twice
     */
    public static RequestBody parse(byte[] body) {
        Objects.requireNonNull(body, "body");
        int invalid = Utf8.firstInvalid(body, 0, body.length);
        if (invalid >= 0) {
            throw notJson("invalid UTF-8 at byte " + invalid);
        }
        int nul = leadingNul(body);
        if (nul >= 0) {
            throw notJson("unexpected NUL byte at byte " + nul);
        }
        try (JsonParser parser = JSON.createParser(body)) {
            return new Scan(parser).run(body);
        } catch (IOException e) {
            throw notJson(reason(e));
        }
    }

    /**
     * Jackson guesses UTF-16 or UTF-32 from NUL bytes among the first four, and would then parse ASCII-only UTF-16
     * (which is also valid UTF-8) without byte offsets. NUL is never legal unescaped in JSON, so refuse it there.
     */
    private static int leadingNul(byte[] body) {
        for (int i = 0; i < Math.min(4, body.length); i++) {
            if (body[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    /** The top-level {@code model}, with JSON escapes decoded. */
    public String model() {
        return model;
    }

    /** Whether the top-level {@code stream} is the literal {@code true} (the last one wins if it is repeated). */
    public boolean isStream() {
        return stream;
    }

    /** The body exactly as received. Not a copy: do not modify. */
    public byte[] bytes() {
        return bytes;
    }

    /**
     * A new body equal to {@link #bytes()} except that the top-level model value, from its opening quote to its
     * closing quote, is replaced by {@code newModel} as a JSON string.
     */
    public byte[] withModel(String newModel) {
        byte[] value = jsonString(Objects.requireNonNull(newModel, "newModel"));
        byte[] out = new byte[bytes.length - (modelEnd - modelStart) + value.length];
        System.arraycopy(bytes, 0, out, 0, modelStart);
        System.arraycopy(value, 0, out, modelStart, value.length);
        System.arraycopy(bytes, modelEnd, out, modelStart + value.length, bytes.length - modelEnd);
        return out;
    }

    /**
     * The body as a Jackson tree, read on first call and cached. It is shared by every caller for this request: do
     * not modify it. Numbers follow Jackson's defaults (a float beyond double range reads as infinity); forward
     * {@link #bytes()} or {@link #withModel}, never a re-serialised tree.
     */
    public JsonNode tree() {
        JsonNode result = tree;
        if (result == null) {
            result = readTree();
            tree = result;
        }
        return result;
    }

    /** Byte offset of the model value's opening quote. */
    int modelStart() {
        return modelStart;
    }

    /** Byte offset just past the model value's closing quote. */
    int modelEnd() {
        return modelEnd;
    }

    private JsonNode readTree() {
        try {
            return TREES.readTree(bytes);
        } catch (IOException e) {
            // Unreachable: parse() accepted these bytes with the same factory.
            throw new UncheckedIOException("validated request body did not parse", e);
        }
    }

    /** One pass over the document: reads the top-level fields it needs and lets Jackson validate the rest. */
    private static final class Scan {
        private final JsonParser parser;
        private boolean sawModel;
        private String model;
        private int modelStart;
        private int modelEnd;
        private boolean stream;
        private GatewayError modelError;

        Scan(JsonParser parser) {
            this.parser = parser;
        }

        RequestBody run(byte[] body) throws IOException {
            JsonToken root = parser.nextToken();
            if (root == null) {
                throw notJson("empty body");
            }
            if (root != JsonToken.START_OBJECT) {
                throw new GatewayException(
                        GatewayError.invalidRequest("invalid_json", "Request body must be a JSON object"));
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("model")) {
                    readModel(value);
                } else if (name.equals("stream")) {
                    stream = value == JsonToken.VALUE_TRUE;
                }
                // Tokenises (and so validates) nested values without building anything; a no-op on scalars.
                parser.skipChildren();
            }
            if (parser.nextToken() != null) {
                throw notJson("unexpected content after the JSON object");
            }
            // A malformed document is reported before a bad model: it is the more fundamental mistake.
            if (modelError != null) {
                throw new GatewayException(modelError);
            }
            if (model == null) {
                throw new GatewayException(GatewayError.invalidRequest(
                        "missing_model", "Request body must include a 'model' string", "model"));
            }
            return new RequestBody(body, model, modelStart, modelEnd, stream);
        }

        private void readModel(JsonToken value) throws IOException {
            if (sawModel) {
                // Providers disagree on which duplicate wins; refuse rather than route one model and bill another.
                rejectModel("Request body must include exactly one 'model' key");
                return;
            }
            sawModel = true;
            if (value != JsonToken.VALUE_STRING) {
                rejectModel("'model' must be a string, not " + describe(value));
                return;
            }
            String text = parser.getText();
            if (text.isEmpty()) {
                rejectModel("'model' must not be empty");
                return;
            }
            model = text;
            // The string token is fully read, so these span exactly the quoted value, escapes included.
            modelStart = (int) parser.currentTokenLocation().getByteOffset();
            modelEnd = (int) parser.currentLocation().getByteOffset();
        }

        private void rejectModel(String message) {
            if (modelError == null) {
                modelError = GatewayError.invalidRequest("invalid_model", message, "model");
            }
        }

        private static String describe(JsonToken token) {
            return switch (token) {
                case START_OBJECT -> "an object";
                case START_ARRAY -> "an array";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                case VALUE_NULL -> "null";
                default -> token.name();
            };
        }
    }

    private static GatewayException notJson(String reason) {
        return new GatewayException(
                GatewayError.invalidRequest("invalid_json", "Request body is not valid JSON: " + reason));
    }

    /**
     * Jackson's message, made fit for a client: first line only, without the "(... [Source: ...])" location suffix,
     * bounded (an unrecognised token is quoted), with the byte offset when known.
     */
    static String reason(IOException e) {
        String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        if (message == null || message.isBlank()) {
            message = e.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        if (newline >= 0) {
            message = message.substring(0, newline);
        }
        int source = message.indexOf("[Source:");
        if (source >= 0) {
            int paren = message.lastIndexOf('(', source);
            message = message.substring(0, paren >= 0 ? paren : source).strip();
        }
        if (message.length() > MAX_REASON_LENGTH) {
            message = message.substring(0, MAX_REASON_LENGTH) + "...";
        }
        JsonLocation location = e instanceof JsonProcessingException j ? j.getLocation() : null;
        return location != null && location.getByteOffset() >= 0
                ? message + " at byte " + location.getByteOffset()
                : message;
    }

    /**
     * {@code s} as a JSON string literal in UTF-8: quotes, backslashes and control characters escaped, other
     * characters kept as they are. A lone surrogate cannot be UTF-8, so it is written as a {@code \\u} escape.
     */
    static byte[] jsonString(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || isLoneSurrogate(s, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static boolean isLoneSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
    }
}
