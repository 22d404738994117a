package com.llmgateway.usage;

import java.io.Writer;
import java.nio.CharBuffer;

/** Generated text kept for a local token count, up to a fixed number of chars; what does not fit is only flagged. */
final class OutputText {
    private final int maxChars;
    private final StringBuilder text = new StringBuilder();
    private boolean truncated;

    OutputText(int maxChars) {
        this.maxChars = maxChars;
    }

    void append(CharSequence piece) {
        append(piece, 0, piece.length());
    }

    void append(CharSequence piece, int start, int end) {
        int room = maxChars - text.length();
        int length = end - start;
        if (length > room) {
            truncated = true;
            // Never keep half of a surrogate pair.
            int cut = start + room;
            if (room > 0 && Character.isHighSurrogate(piece.charAt(cut - 1))) {
                cut--;
            }
            text.append(piece, start, cut);
            return;
        }
        text.append(piece, start, end);
    }

    boolean truncated() {
        return truncated;
    }

    @Override
    public String toString() {
        return text.toString();
    }

    /** A writer view, for serialising a JSON value (a tool call's input) into the text. */
    Writer writer() {
        return new Writer() {
            @Override
            public void write(char[] chars, int off, int len) {
                OutputText.this.append(CharBuffer.wrap(chars, off, len));
            }

            @Override
            public void write(String s, int off, int len) {
                OutputText.this.append(s, off, off + len);
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
    }
}
