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
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] INCLUDE_USAGE = "\"include_usage\":true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STREAM_OPTIONS_OBJECT = "{\"include_usage\":true}".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] STREAM_OPTIONS_MEMBER =
            ",\"stream_options\":{\"include_usage\":true}".getBytes(StandardCharsets.US_ASCII);

    private final byte[] bytes;
    private final String model;
    private final int modelStart;
    private final int modelEnd;
    private final boolean stream;
    private final int rootEnd;
    private final StreamOptions streamOptions;
    private JsonNode tree;

    private RequestBody(Scan scan, byte[] bytes) {
        this.bytes = bytes;
        this.model = scan.model;
        this.modelStart = scan.modelStart;
        this.modelEnd = scan.modelEnd;
        this.stream = scan.stream;
        this.rootEnd = scan.rootEnd;
        this.streamOptions = scan.streamOptions;
    }

    /**
     * Where the top-level {@code stream_options} value is (the last one, if repeated) and what it says about usage.
     *
     * @param start offset of the value's first byte
     * @param end offset just past the value
     * @param isObject whether the value is an object (anything else is replaced whole)
     * @param hasMembers whether that object has at least one member
     * @param includeUsageStart offset of the last {@code include_usage} value inside it, or -1 when it has none
     * @param includeUsageEnd offset just past that value
     * @param includeUsage whether that value is the literal {@code true}
     */
    private record StreamOptions(
            int start,
            int end,
            boolean isObject,
            boolean hasMembers,
            int includeUsageStart,
            int includeUsageEnd,
            boolean includeUsage) {}

    /** A replacement of {@code [start, end)} of the body by {@code bytes}; an insertion when start equals end. */
    private record Splice(int start, int end, byte[] bytes) {}

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
        return splice(bytes, modelSplice(newModel), null);
    }

    /**
     * Whether the client asked for a usage chunk at the end of its stream: a top-level {@code stream_options} object
     * whose {@code include_usage} is the literal {@code true} (the last of repeated keys wins, as in Python's json).
     */
    public boolean requestsStreamUsage() {
        return streamOptions != null && streamOptions.includeUsage();
    }

    /**
     * Like {@link #withModel}, and also asks for stream usage with the smallest byte edit that makes the last
     * top-level {@code stream_options} an object whose last {@code include_usage} is {@code true}: a member appended
     * before the root's closing brace when there is no {@code stream_options}; {@code "include_usage":true} inserted
     * first in an existing object; a value other than {@code true} replaced; a {@code stream_options} that is not an
     * object (such as {@code null}) replaced by one. Every other byte is kept.
     */
    public byte[] withModelAndStreamUsage(String newModel) {
        return splice(bytes, modelSplice(newModel), streamUsageSplice());
    }

    private Splice modelSplice(String newModel) {
        return new Splice(modelStart, modelEnd, jsonString(Objects.requireNonNull(newModel, "newModel")));
    }

    /** Null when the client already asked for usage. */
    private Splice streamUsageSplice() {
        StreamOptions options = streamOptions;
        if (options == null) {
            return new Splice(rootEnd, rootEnd, STREAM_OPTIONS_MEMBER);
        }
        if (!options.isObject()) {
            return new Splice(options.start(), options.end(), STREAM_OPTIONS_OBJECT);
        }
        if (options.includeUsage()) {
            return null;
        }
        if (options.includeUsageStart() >= 0) {
            return new Splice(options.includeUsageStart(), options.includeUsageEnd(), TRUE);
        }
        int afterBrace = options.start() + 1;
        byte[] member = options.hasMembers() ? concat(INCLUDE_USAGE, new byte[] {','}) : INCLUDE_USAGE;
        return new Splice(afterBrace, afterBrace, member);
    }

    /** Applies one or two non-overlapping splices ({@code second} may be null) in offset order. */
    private static byte[] splice(byte[] source, Splice first, Splice second) {
        if (second != null && second.start() < first.start()) {
            return splice(source, second, first);
        }
        int length = source.length - (first.end() - first.start()) + first.bytes().length;
        if (second != null) {
            length += second.bytes().length - (second.end() - second.start());
        }
        byte[] out = new byte[length];
        int from = 0;
        int to = 0;
        for (Splice edit : second == null ? new Splice[] {first} : new Splice[] {first, second}) {
            System.arraycopy(source, from, out, to, edit.start() - from);
            to += edit.start() - from;
            System.arraycopy(edit.bytes(), 0, out, to, edit.bytes().length);
            to += edit.bytes().length;
            from = edit.end();
        }
        System.arraycopy(source, from, out, to, source.length - from);
        return out;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
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
        private int rootEnd;
        private StreamOptions streamOptions;
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
                } else if (name.equals("stream_options")) {
                    streamOptions = readStreamOptions(value);
                }
                // Tokenises (and so validates) nested values without building anything; a no-op on scalars.
                parser.skipChildren();
            }
            rootEnd = offset(parser.currentTokenLocation());
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
            return new RequestBody(this, body);
        }

        /** Reads the whole value (leaving the parser on its last token) and where its pieces are. */
        private StreamOptions readStreamOptions(JsonToken value) throws IOException {
            int start = offset(parser.currentTokenLocation());
            if (value != JsonToken.START_OBJECT) {
                int end = valueEnd();
                return new StreamOptions(start, end, false, false, -1, -1, false);
            }
            boolean hasMembers = false;
            int usageStart = -1;
            int usageEnd = -1;
            boolean includeUsage = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                hasMembers = true;
                boolean isIncludeUsage = parser.currentName().equals("include_usage");
                JsonToken member = parser.nextToken();
                int memberStart = offset(parser.currentTokenLocation());
                int memberEnd = valueEnd();
                if (isIncludeUsage) {
                    usageStart = memberStart;
                    usageEnd = memberEnd;
                    includeUsage = member == JsonToken.VALUE_TRUE;
                }
            }
            int end = offset(parser.currentLocation());
            return new StreamOptions(start, end, true, hasMembers, usageStart, usageEnd, includeUsage);
        }

        /** Finishes the current value (skipping a nested one, reading a lazy string) and returns the offset after it. */
        private int valueEnd() throws IOException {
            parser.skipChildren();
            parser.finishToken();
            return offset(parser.currentLocation());
        }

        private static int offset(JsonLocation location) {
            return (int) location.getByteOffset();
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
