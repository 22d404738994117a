package com.llmgateway.protocol;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An incremental {@code text/event-stream} parser following the WHATWG HTML "event stream interpretation" rules, fed
 * with chunks cut anywhere (inside a line ending or a multi-byte character).
 *
 * <p>Lines end with CRLF, LF or CR. Comment lines ({@code :} first) are skipped. {@code data} lines are joined with
 * {@code "\n"}; {@code event}, {@code id} and {@code retry} are tracked. Unlike a browser, an event is dispatched at a
 * blank line when it has a {@code data} <em>or</em> an {@code event} field, and its type stays {@code null} when it
 * had none. Bytes are decoded only once a line is complete; malformed UTF-8 becomes U+FFFD, as the spec says.
 *
 * <p>Memory is bounded: a line, or one event's joined data, longer than {@code maxLineBytes} throws {@link
 * SseException}, after which the parser must not be fed again. One parser serves one stream on one event loop.
 */
public final class SseParser {
    public static final int DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

    private static final byte LF = '\n';
    private static final byte CR = '\r';
    private static final byte COLON = ':';
    private static final byte SPACE = ' ';
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final long MAX_RETRY_MILLIS = Integer.MAX_VALUE;

    private final Bytes line;
    private final Bytes data;
    private boolean skipLf;
    private boolean firstLine = true;
    private boolean hasData;
    private String eventType;
    private String lastEventId;
    private long retryMillis = -1;

    public SseParser() {
        this(DEFAULT_MAX_LINE_BYTES);
    }

    public SseParser(int maxLineBytes) {
        if (maxLineBytes <= 0) {
            throw new IllegalArgumentException("maxLineBytes " + maxLineBytes);
        }
        this.line = new Bytes(maxLineBytes, "line");
        this.data = new Bytes(maxLineBytes, "event data");
    }

    /** Feeds {@code len} bytes of {@code chunk} from {@code off}, handing each completed event to {@code sink}. */
    public void feed(byte[] chunk, int off, int len, Consumer<SseEvent> sink) {
        Objects.checkFromIndexSize(off, len, chunk.length);
        int end = off + len;
        int i = off;
        if (skipLf && i < end) {
            // The previous chunk ended with CR: an LF here belongs to that same line ending.
            skipLf = false;
            if (chunk[i] == LF) {
                i++;
            }
        }
        int lineStart = i;
        for (; i < end; i++) {
            byte b = chunk[i];
            if (b != LF && b != CR) {
                continue;
            }
            endLine(chunk, lineStart, i, sink);
            if (b == CR) {
                if (i + 1 == end) {
                    skipLf = true;
                } else if (chunk[i + 1] == LF) {
                    i++;
                }
            }
            lineStart = i + 1;
        }
        line.append(chunk, lineStart, end - lineStart);
    }

    /** Feeds a whole Vert.x buffer (copied once to a byte array). */
    public void feed(Buffer chunk, Consumer<SseEvent> sink) {
        byte[] bytes = chunk.getBytes();
        feed(bytes, 0, bytes.length, sink);
    }

    /**
     * Whether bytes of an event not yet dispatched are buffered: a partial line, or fields awaiting their blank line.
     * True when a stream ends here means the stream was cut short.
     */
    public boolean hasPartialEvent() {
        return line.length() > 0 || hasData || eventType != null;
    }

    /** The last valid {@code retry} value in milliseconds, or -1 if none was sent. */
    public long retryMillis() {
        return retryMillis;
    }

    private void endLine(byte[] chunk, int start, int end, Consumer<SseEvent> sink) {
        if (line.length() == 0) {
            // The common case: the whole line is in this chunk, so it is read in place.
            line.checkFits(end - start);
            processLine(chunk, start, end, sink);
        } else {
            line.append(chunk, start, end - start);
            processLine(line.array(), 0, line.length(), sink);
            line.clear();
        }
    }

    private void processLine(byte[] b, int start, int end, Consumer<SseEvent> sink) {
        if (firstLine) {
            // The spec ignores one byte order mark at the start of the stream.
            firstLine = false;
            if (startsWith(b, start, end, BOM)) {
                start += BOM.length;
            }
        }
        if (start == end) {
            dispatch(sink);
        } else if (b[start] != COLON) {
            int colon = indexOf(b, start, end, COLON);
            int nameEnd = colon < 0 ? end : colon;
            int valueStart = colon < 0 ? end : colon + 1;
            if (valueStart < end && b[valueStart] == SPACE) {
                valueStart++;
            }
            field(Field.of(b, start, nameEnd), b, valueStart, end);
        }
        // Otherwise a comment, such as a keep-alive ": ping": nothing to record.
    }

    private void field(Field field, byte[] b, int valueStart, int end) {
        switch (field) {
            case DATA -> {
                if (hasData) {
                    data.append(LF);
                }
                data.append(b, valueStart, end - valueStart);
                hasData = true;
            }
            case EVENT -> eventType = decode(b, valueStart, end);
            case ID -> {
                String id = decode(b, valueStart, end);
                // The spec ignores an id containing NUL, which could not be sent back as Last-Event-ID.
                if (id.indexOf('\0') < 0) {
                    lastEventId = id;
                }
            }
            case RETRY -> retry(b, valueStart, end);
            case UNKNOWN -> {} // the spec ignores unknown fields
        }
    }

    private void retry(byte[] b, int start, int end) {
        if (start == end) {
            return;
        }
        long value = 0;
        for (int i = start; i < end; i++) {
            int digit = b[i] - '0';
            if (digit < 0 || digit > 9) {
                return; // only ASCII digits count
            }
            value = Math.min(value * 10 + digit, MAX_RETRY_MILLIS);
        }
        retryMillis = value;
    }

    private void dispatch(Consumer<SseEvent> sink) {
        if (!hasData && eventType == null) {
            return;
        }
        SseEvent event = new SseEvent(eventType, hasData ? decode(data.array(), 0, data.length()) : "", lastEventId);
        // Reset before handing out, so a sink that throws leaves the parser between events.
        hasData = false;
        eventType = null;
        data.clear();
        sink.accept(event);
    }

    private static String decode(byte[] b, int start, int end) {
        return new String(b, start, end - start, StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] b, int start, int end, byte target) {
        for (int i = start; i < end; i++) {
            if (b[i] == target) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsWith(byte[] b, int start, int end, byte[] prefix) {
        return end - start >= prefix.length && Arrays.equals(b, start, start + prefix.length, prefix, 0, prefix.length);
    }

    /** The field names the spec defines, matched on raw bytes so that no name is decoded. */
    private enum Field {
        DATA("data"),
        EVENT("event"),
        ID("id"),
        RETRY("retry"),
        UNKNOWN("");

        private static final Field[] KNOWN = {DATA, EVENT, ID, RETRY};

        private final byte[] name;

        Field(String name) {
            this.name = name.getBytes(StandardCharsets.US_ASCII);
        }

        static Field of(byte[] b, int start, int end) {
            for (Field field : KNOWN) {
                if (Arrays.equals(b, start, end, field.name, 0, field.name.length)) {
                    return field;
                }
            }
            return UNKNOWN;
        }
    }

    /** A growable byte array with a hard limit; gives its memory back after a large line or event. */
    private static final class Bytes {
        private static final int INITIAL = 256;
        private static final int RETAINED = 64 * 1024;

        private final int limit;
        private final String what;
        private byte[] array = new byte[0];
        private int length;

        Bytes(int limit, String what) {
            this.limit = limit;
            this.what = what;
        }

        int length() {
            return length;
        }

        byte[] array() {
            return array;
        }

        void checkFits(int extra) {
            if (extra > limit - length) {
                throw new SseException("SSE " + what + " longer than " + limit + " bytes");
            }
        }

        void append(byte b) {
            checkFits(1);
            ensureCapacity(length + 1);
            array[length++] = b;
        }

        void append(byte[] src, int off, int len) {
            checkFits(len);
            ensureCapacity(length + len);
            System.arraycopy(src, off, array, length, len);
            length += len;
        }

        void clear() {
            length = 0;
            if (array.length > RETAINED) {
                array = new byte[0];
            }
        }

        private void ensureCapacity(int needed) {
            if (needed > array.length) {
                int doubled = (int) Math.min(limit, Math.max(INITIAL, 2L * array.length));
                array = Arrays.copyOf(array, Math.max(needed, doubled));
            }
        }
    }
}
