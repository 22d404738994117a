package com.llmgateway.routing;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Python {@code re.search} on Java's regex engine. Stored rule sets come from the Python original, so the few Python
 * spellings Java reads differently are translated: {@code (?P<name>...)} and {@code (?P=name)}, {@code \Z}, the
 * {@code {,n}} quantifier and a literal {@code {}, and {@code [} or {@code &&} inside a character class. Python's
 * {@code str} patterns are Unicode-aware and only {@code \n} ends a line, hence the flags.
 */
final class PythonRegex {
    private static final int FLAGS = Pattern.UNICODE_CHARACTER_CLASS | Pattern.UNIX_LINES;
    private static final Pattern QUANTIFIER = Pattern.compile("\\{(\\d*)(,(\\d*))?}");

    /**
     * A search reads the input through a budget of character reads, because rules run on the event loop and a pattern
     * that backtracks catastrophically (say {@code (a*)*b\1}) would otherwise hold it for minutes. A million reads
     * take tens of milliseconds; a linear pattern reads each character a few times. Running out counts as no match,
     * like any other error during comparison (seed-spec section 4).
     */
    private static final long BASE_READ_BUDGET = 1_000_000L;

    private static final long READS_PER_INPUT_CHAR = 20L;

    private final String source;
    private final StringBuilder out = new StringBuilder();
    private final Map<String, String> groupNames = new HashMap<>();
    private int pos;

    private PythonRegex(String source) {
        this.source = source;
    }

    /** Compiles a Python pattern; a pattern Python or Java would refuse throws. */
    static Pattern compile(String python) {
        return Pattern.compile(toJava(python), FLAGS);
    }

    /** {@code re.search(pattern, text) is not None}; false when the search exceeds its budget. */
    static boolean find(Pattern pattern, String text) {
        long budget = BASE_READ_BUDGET + READS_PER_INPUT_CHAR * text.length();
        try {
            return pattern.matcher(new BudgetedText(text, budget)).find();
        } catch (BudgetExceeded | StackOverflowError e) {
            // Java's regex recurses on some patterns and long inputs; that is a failed comparison, not a crash.
            return false;
        }
    }

    static String toJava(String python) {
        PythonRegex translator = new PythonRegex(python);
        translator.translate();
        return translator.out.toString();
    }

    private void translate() {
        while (pos < source.length()) {
            char c = source.charAt(pos);
            if (c == '\\') {
                escape();
            } else if (c == '[') {
                characterClass();
            } else if (source.startsWith("(?P<", pos)) {
                namedGroup();
            } else if (source.startsWith("(?P=", pos)) {
                backReference();
            } else if (c == '{') {
                brace();
            } else {
                out.append(c);
                pos++;
            }
        }
    }

    private void escape() {
        if (pos + 1 >= source.length()) {
            throw error("bad escape (end of pattern)");
        }
        char next = source.charAt(pos + 1);
        // Python's \Z is the very end of the string, which Java spells \z (Java's \Z allows a final newline).
        out.append('\\').append(next == 'Z' ? 'z' : next);
        pos += 2;
    }

    private void characterClass() {
        out.append('[');
        pos++;
        if (pos < source.length() && source.charAt(pos) == '^') {
            out.append('^');
            pos++;
        }
        int bodyStart = pos;
        while (pos < source.length()) {
            char c = source.charAt(pos);
            if (c == ']' && pos > bodyStart) {
                out.append(']');
                pos++;
                return;
            }
            if (c == '\\' && pos + 1 < source.length()) {
                out.append(c).append(source.charAt(pos + 1));
                pos += 2;
                continue;
            }
            // In Python these are plain characters inside a class; in Java they start a nested class or an
            // intersection, and a leading ']' is safest escaped too.
            if (c == '[' || c == '&' || c == ']') {
                out.append('\\');
            }
            out.append(c);
            pos++;
        }
        throw error("unterminated character set");
    }

    private void namedGroup() {
        int nameStart = pos + 4;
        int end = source.indexOf('>', nameStart);
        if (end < 0) {
            throw error("missing '>' in group name");
        }
        String name = source.substring(nameStart, end);
        if (name.isEmpty() || groupNames.containsKey(name)) {
            throw error(name.isEmpty() ? "missing group name" : "redefinition of group name '" + name + "'");
        }
        // Python names may contain '_' and non-ASCII letters, which Java refuses; only references use the names.
        String javaName = "pyGroup" + (groupNames.size() + 1);
        groupNames.put(name, javaName);
        out.append("(?<").append(javaName).append('>');
        pos = end + 1;
    }

    private void backReference() {
        int nameStart = pos + 4;
        int end = source.indexOf(')', nameStart);
        if (end < 0) {
            throw error("missing ')' in group reference");
        }
        String name = source.substring(nameStart, end);
        String javaName = groupNames.get(name);
        if (javaName == null) {
            throw error("unknown group name '" + name + "'");
        }
        out.append("\\k<").append(javaName).append('>');
        pos = end + 1;
    }

    /** Python reads '{' as a quantifier only when it is one ({m}, {m,}, {,n}, {m,n}); otherwise it is literal. */
    private void brace() {
        Matcher quantifier = QUANTIFIER.matcher(source).region(pos, source.length());
        boolean valid = quantifier.lookingAt() && (!quantifier.group(1).isEmpty() || quantifier.group(2) != null);
        if (!valid) {
            out.append("\\{");
            pos++;
            return;
        }
        String min = quantifier.group(1).isEmpty() ? "0" : quantifier.group(1);
        out.append('{').append(min);
        if (quantifier.group(2) != null) {
            out.append(',').append(quantifier.group(3));
        }
        out.append('}');
        pos = quantifier.end();
    }

    private PatternSyntaxException error(String description) {
        return new PatternSyntaxException(description, source, pos);
    }

    private static final class BudgetExceeded extends RuntimeException {
        BudgetExceeded() {
            super("regex read budget exceeded", null, false, false);
        }
    }

    /** The input text, counting the character reads the matcher makes. */
    private static final class BudgetedText implements CharSequence {
        private final String text;
        private long remaining;

        BudgetedText(String text, long budget) {
            this.text = text;
            this.remaining = budget;
        }

        @Override
        public char charAt(int index) {
            if (--remaining < 0) {
                throw new BudgetExceeded();
            }
            return text.charAt(index);
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
