package com.llmgateway.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Objects;

/**
 * Strict UTF-8 validation without allocation, per the Unicode well-formed byte sequences table (Unicode 15, table
 * 3-7): rejects overlong forms, UTF-16 surrogates (U+D800..U+DFFF), code points above U+10FFFF and truncated sequences.
 *
 * <p>Jackson checks only the continuation bits of characters inside strings it skips, so request bodies are run
 * through this first.
 */
final class Utf8 {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;

    private Utf8() {}

    static boolean isValid(byte[] b, int off, int len) {
        return firstInvalid(b, off, len) < 0;
    }

    /** The index of the first byte that starts an ill-formed sequence, or -1 if the range is well-formed UTF-8. */
    static int firstInvalid(byte[] b, int off, int len) {
        Objects.checkFromIndexSize(off, len, b.length);
        int end = off + len;
        int i = off;
        while (i < end) {
            // Request bodies are mostly ASCII: skip eight bytes at a time while no high bit is set.
            while (i <= end - Long.BYTES && ((long) LONGS.get(b, i) & HIGH_BITS) == 0) {
                i += Long.BYTES;
            }
            if (i == end) {
                return -1;
            }
            int length = b[i] >= 0 ? 1 : sequenceLength(b, i, end);
            if (length == 0) {
                return i;
            }
            i += length;
        }
        return -1;
    }

    /** The length of the well-formed multi-byte sequence starting at {@code i}, or 0 if it is ill-formed. */
    private static int sequenceLength(byte[] b, int i, int end) {
        int lead = b[i] & 0xFF;
        if (lead < 0xC2) {
            // A stray continuation byte, or C0/C1 which only start overlong two-byte forms.
            return 0;
        }
        if (lead < 0xE0) {
            return i + 1 < end && isContinuation(b[i + 1]) ? 2 : 0;
        }
        if (lead < 0xF0) {
            return i + 2 < end && isValidSecond(lead, b[i + 1] & 0xFF) && isContinuation(b[i + 2]) ? 3 : 0;
        }
        if (lead < 0xF5) {
            return i + 3 < end
                            && isValidSecond(lead, b[i + 1] & 0xFF)
                            && isContinuation(b[i + 2])
                            && isContinuation(b[i + 3])
                    ? 4
                    : 0;
        }
        // F5..FF would encode beyond U+10FFFF.
        return 0;
    }

    /** The second byte carries the range restrictions that rule out overlongs, surrogates and values past U+10FFFF. */
    private static boolean isValidSecond(int lead, int second) {
        return switch (lead) {
            case 0xE0 -> second >= 0xA0 && second <= 0xBF; // overlong below U+0800
            case 0xED -> second >= 0x80 && second <= 0x9F; // surrogates U+D800..U+DFFF
            case 0xF0 -> second >= 0x90 && second <= 0xBF; // overlong below U+10000
            case 0xF4 -> second >= 0x80 && second <= 0x8F; // beyond U+10FFFF
            default -> second >= 0x80 && second <= 0xBF;
        };
    }

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }
}
