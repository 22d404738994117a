package com.llmgateway.protocol;

import java.util.Arrays;

/**
 * Cuts a {@code text/event-stream} byte stream into whole events, as raw bytes, so that a relay can pass each event
 * on byte for byte (or leave it out) without re-encoding it. An event ends at the line ending of its blank line;
 * line endings are CRLF, LF or CR, as in {@link SseParser}.
 *
 * <p>Only the bytes of an incomplete event are held. An event longer than {@code maxEventBytes} is handed on in
 * pieces, marked as not whole, so memory stays bounded. One framer serves one stream on one event loop.
 */
public final class SseFramer {
    private static final byte LF = '\n';
    private static final byte CR = '\r';

    /** Receives the stream again, cut into pieces. */
    @FunctionalInterface
    public interface Sink {
        /**
         * @param bytes the piece
         * @param wholeEvent true when the piece is one whole event (with its blank line), false for a piece of an
         *     event that was too long to hold
         */
        void accept(byte[] bytes, boolean wholeEvent);
    }

    private final int maxEventBytes;
    private byte[] held = new byte[0];
    private int heldLength;
    private boolean heldIsPartial;
    private boolean lineEmpty = true;
    private boolean afterCr;

    public SseFramer(int maxEventBytes) {
        if (maxEventBytes <= 0) {
            throw new IllegalArgumentException("maxEventBytes " + maxEventBytes);
        }
        this.maxEventBytes = maxEventBytes;
    }

    /** Hands every event completed by {@code chunk} to {@code sink}, in order, and holds the rest. */
    public void feed(byte[] chunk, Sink sink) {
        int start = 0;
        int i = 0;
        if (afterCr && chunk.length > 0) {
            // The previous chunk ended with CR: an LF here completes that same line ending.
            afterCr = false;
            if (chunk[0] == LF) {
                i = 1;
            }
        }
        for (; i < chunk.length; i++) {
            byte b = chunk[i];
            if (b != LF && b != CR) {
                lineEmpty = false;
                continue;
            }
            boolean blankLine = lineEmpty;
            lineEmpty = true;
            if (b == CR) {
                if (i + 1 < chunk.length) {
                    if (chunk[i + 1] == LF) {
                        i++;
                    }
                } else {
                    afterCr = true;
                }
            }
            if (blankLine) {
                emit(chunk, start, i + 1, sink);
                start = i + 1;
            }
        }
        hold(chunk, start, chunk.length, sink);
    }

    /** The held bytes of an event that never ended, and forgets them. */
    public byte[] rest() {
        byte[] rest = Arrays.copyOf(held, heldLength);
        heldLength = 0;
        heldIsPartial = false;
        return rest;
    }

    private void emit(byte[] chunk, int start, int end, Sink sink) {
        byte[] event;
        if (heldLength == 0) {
            event = Arrays.copyOfRange(chunk, start, end);
        } else {
            event = Arrays.copyOf(held, heldLength + end - start);
            System.arraycopy(chunk, start, event, heldLength, end - start);
            heldLength = 0;
        }
        boolean whole = !heldIsPartial;
        heldIsPartial = false;
        sink.accept(event, whole);
    }

    private void hold(byte[] chunk, int start, int end, Sink sink) {
        int length = end - start;
        if (length == 0) {
            return;
        }
        if (heldLength + length > maxEventBytes) {
            // Too long to hold: pass on what there is; the rest of this event follows as more pieces.
            sink.accept(rest(), false);
            heldIsPartial = true;
            if (length > maxEventBytes) {
                sink.accept(Arrays.copyOfRange(chunk, start, end), false);
                return;
            }
        }
        if (heldLength + length > held.length) {
            held = Arrays.copyOf(held, Math.max(heldLength + length, Math.min(maxEventBytes, held.length * 2 + 256)));
        }
        System.arraycopy(chunk, start, held, heldLength, length);
        heldLength += length;
    }
}
