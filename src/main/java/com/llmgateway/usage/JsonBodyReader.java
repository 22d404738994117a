package com.llmgateway.usage;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Finds the usage and the generated text of a non-stream JSON body while it passes, chunk by chunk, with Jackson's
 * non-blocking parser: nothing but the token in progress is held, so usage at the end of a large body is found
 * without buffering the body. A body that is not JSON (or breaks a limit) simply stops the reading.
 */
final class JsonBodyReader {
    /** A longer string stops the reading: the parser would have to hold it whole. Same bound as an SSE line. */
    static final int MAX_STRING_CHARS = 16 * 1024 * 1024;

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxStringLength(MAX_STRING_CHARS)
                    .build())
            .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)
            .build();

    private static final String ITEM = "[]";
    /** Where generated text sits in the three response formats ({@code []} is any array element). */
    private static final List<String[]> TEXT_PATHS = List.of(
            path("choices", ITEM, "message", "content"),
            path("choices", ITEM, "message", "reasoning_content"),
            path("choices", ITEM, "message", "tool_calls", ITEM, "function", "name"),
            path("choices", ITEM, "message", "tool_calls", ITEM, "function", "arguments"),
            path("choices", ITEM, "message", "function_call", "name"),
            path("choices", ITEM, "message", "function_call", "arguments"),
            path("choices", ITEM, "text"),
            path("output", ITEM, "content", ITEM, "text"),
            path("output", ITEM, "summary", ITEM, "text"),
            path("output", ITEM, "name"),
            path("output", ITEM, "arguments"),
            path("content", ITEM, "text"),
            path("content", ITEM, "thinking"),
            path("content", ITEM, "name"));
    /** An Anthropic tool call's input is a JSON value; its text is counted as JSON. */
    private static final String[] TOOL_INPUT = path("content", ITEM, "input");

    private static final int MAX_PATH = 7;

    private final JsonParser parser;
    private final ByteArrayFeeder feeder;
    private final UsageTally usage;
    private final OutputText text;
    private final String[] path = new String[MAX_PATH];
    private JsonGenerator toolInput;
    private int toolInputDepth;
    private boolean stopped;

    JsonBodyReader(UsageTally usage, OutputText text) {
        this.usage = usage;
        this.text = text;
        try {
            this.parser = JSON.createNonBlockingByteArrayParser();
        } catch (IOException e) {
            throw new IllegalStateException("Jackson could not create a non-blocking parser", e);
        }
        this.feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
    }

    /** Reads every complete token in {@code chunk}; the array must not change until this returns. */
    void feed(byte[] chunk) {
        if (stopped || chunk.length == 0) {
            return;
        }
        try {
            feeder.feedInput(chunk, 0, chunk.length);
            JsonToken token;
            while ((token = parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
                onToken(token);
            }
        } catch (IOException e) {
            // Not JSON, or over a limit: what was read so far stands.
            stop();
        }
    }

    void stop() {
        stopped = true;
        try {
            parser.close();
        } catch (IOException ignored) {
            // Nothing to release beyond buffers.
        }
    }

    private void onToken(JsonToken token) throws IOException {
        if (toolInput != null) {
            copyToolInput(token);
            return;
        }
        switch (token) {
            case VALUE_NUMBER_INT -> onInteger();
            case VALUE_STRING -> {
                int length = pathOf(parser.getParsingContext());
                if (length > 0 && matchesAny(TEXT_PATHS, length)) {
                    text.append(parser.getText());
                }
            }
            case START_OBJECT, START_ARRAY -> {
                int length = pathOf(parser.getParsingContext().getParent());
                if (matches(TOOL_INPUT, length)) {
                    toolInput = JSON.createGenerator(text.writer());
                    toolInputDepth = 0;
                    copyToolInput(token);
                }
            }
            default -> {}
        }
    }

    /** {@code usage.<name>} or {@code usage.<details>.<name>}, for numbers that fit a long. */
    private void onInteger() throws IOException {
        int length = pathOf(parser.getParsingContext());
        if ((length == 2 || length == 3)
                && path[0].equals("usage")
                && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            usage.put(length == 2 ? path[1] : path[1] + "." + path[2], parser.getLongValue());
        }
    }

    private void copyToolInput(JsonToken token) throws IOException {
        toolInput.copyCurrentEvent(parser);
        if (token.isStructStart()) {
            toolInputDepth++;
        } else if (token.isStructEnd()) {
            toolInputDepth--;
        }
        if (toolInputDepth == 0) {
            toolInput.close();
            toolInput = null;
        }
    }

    /**
     * Fills {@link #path} with the names from the root down to {@code container} ({@code []} for array elements) and
     * returns how many; -1 when deeper than any path of interest.
     */
    private int pathOf(JsonStreamContext container) {
        int depth = container.getNestingDepth();
        if (depth > MAX_PATH) {
            return -1;
        }
        for (JsonStreamContext context = container; !context.inRoot(); context = context.getParent()) {
            String name = context.inArray() ? ITEM : context.getCurrentName();
            path[context.getNestingDepth() - 1] = name == null ? "" : name;
        }
        return depth;
    }

    private boolean matchesAny(List<String[]> patterns, int length) {
        for (String[] pattern : patterns) {
            if (matches(pattern, length)) {
                return true;
            }
        }
        return false;
    }

    private boolean matches(String[] pattern, int length) {
        return pattern.length == length && Arrays.equals(pattern, 0, length, path, 0, length);
    }

    private static String[] path(String... names) {
        return names;
    }
}
