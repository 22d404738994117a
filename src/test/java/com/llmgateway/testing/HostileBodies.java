package com.llmgateway.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Hostile request bodies made from one valid body, for tests that throw garbage at the gateway and expect a
 * protocol-shaped 400 (never a 500, a hang or a stack trace).
 *
 * <p>{@link #catalogue} is the hand-written list, one named body per kind of trouble: framing (empty, whitespace,
 * byte order marks, NUL bytes, truncation, trailing data), the {@code model} field (missing, wrong type, duplicated,
 * nested only, escaped key), other structure (non-object roots, JSON5-isms), encoding (invalid UTF-8 inside strings:
 * overlong forms, lone continuation bytes, UTF-8-encoded surrogates, truncated sequences, code points above U+10FFFF;
 * UTF-16; Latin-1) and size (10 000 levels of nesting, 2 MiB strings, a megabyte-long number).
 *
 * <p>{@link #generate} draws random mutations of the seed (truncation, byte flips, byte insertion, deletion of quotes
 * and brackets, invalid UTF-8 inside strings) mixed with catalogue entries. It is deterministic for a given {@code
 * randomSeed}. Each mutation is built to break the body, so at least 90% of the result is invalid; the rest, like some
 * catalogue entries (a byte order mark before the seed, a 2 MiB but well-formed string), is valid JSON with a string
 * {@code model} and callers must accept it as such.
 *
 * <p>"Invalid" means invalid UTF-8, or not strict JSON (RFC 8259 with no duplicate keys and no trailing data, within
 * Jackson's default limits of 1000 levels of nesting and 1000-digit numbers), or a root that is not an object with a
 * string {@code model}. Note that Jackson alone decodes overlong forms ({@code C0 AF} as {@code /}), UTF-8-encoded
 * surrogates and code points above U+10FFFF without complaint; only a reporting {@link
 * java.nio.charset.CharsetDecoder} catches them.
 */
public final class HostileBodies {
    /** Levels of nesting in the deep bodies; far beyond Jackson's default limit of 1000. */
    public static final int DEEP_NESTING = 10_000;

    /** Size of the huge strings. */
    public static final int HUGE_STRING_BYTES = 2 * 1024 * 1024;

    /** A catalogue entry: what is wrong with the body, and the body. */
    public record NamedBody(String name, byte[] body) {
        @Override
        public String toString() {
            return name + " (" + body.length + " bytes)";
        }
    }

    private HostileBodies() {}

    /**
     * The hand-written hostile bodies, built from {@code seed}: a JSON object with a string {@code model}.
     *
     * @throws IllegalArgumentException if the seed is not such an object
     */
    public static List<NamedBody> catalogue(byte[] seed) {
        return HostileCatalogue.of(new BodySeed(seed)).stream()
                .map(HostileCatalogue.Entry::build)
                .toList();
    }

    /**
     * {@code count} hostile bodies drawn from {@code seed} (a JSON object with a string {@code model}) by a {@code
     * Random(randomSeed)}: the same arguments always give the same bodies. Each body is a new array.
     *
     * @throws IllegalArgumentException if the seed is not such an object, or count is negative
     */
    public static List<byte[]> generate(byte[] seed, int count, long randomSeed) {
        if (count < 0) {
            throw new IllegalArgumentException("count " + count);
        }
        BodySeed parsed = new BodySeed(seed);
        List<HostileCatalogue.Entry> catalogue = HostileCatalogue.of(parsed);
        Random random = new Random(randomSeed);
        List<byte[]> bodies = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            bodies.add(
                    switch (random.nextInt(16)) {
                        case 0, 1, 2 -> parsed.truncated(random);
                        case 3, 4, 5 -> parsed.flipped(random);
                        case 6, 7, 8 -> parsed.inserted(random);
                        case 9, 10 -> parsed.withoutStructure(random);
                        case 11, 12, 13 -> parsed.withInvalidUtf8(random, HostileCatalogue.INVALID_UTF8);
                        default ->
                            catalogue
                                    .get(random.nextInt(catalogue.size()))
                                    .build()
                                    .body();
                    });
        }
        return bodies;
    }
}
