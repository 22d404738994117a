package com.llmgateway.routing;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Python's equality, ordering, truthiness and {@code str()} over JSON values, because the seed rule engine (seed-spec
 * section 4) was written in Python and stored rule sets rely on those semantics. Java {@code null}, JSON null and a
 * missing node all stand for Python's {@code None}.
 *
 * <p>One deliberate difference: booleans are not numbers ({@code true} does not equal {@code 1}), since the spec says
 * types matter and no operator meant {@code True == 1}.
 */
final class PythonValues {
    private PythonValues() {}

    static boolean isNone(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode();
    }

    /** Python {@code a == b}: numbers compare by value ({@code 1 == 1.0}), containers element by element. */
    static boolean equal(JsonNode a, JsonNode b) {
        if (isNone(a) || isNone(b)) {
            return isNone(a) && isNone(b);
        }
        if (a.isNumber() && b.isNumber()) {
            return compareNumbers(a, b).orElse(-1) == 0;
        }
        if (a.isArray() && b.isArray()) {
            return equalArrays(a, b);
        }
        if (a.isObject() && b.isObject()) {
            return equalObjects(a, b);
        }
        return a.getNodeType() == b.getNodeType() && a.equals(b);
    }

    /**
     * Python's ordering where it is defined for our purposes: numbers with numbers, strings with strings (by code
     * point). Anything else would raise {@code TypeError} in Python, so it is empty here.
     */
    static OptionalInt compare(JsonNode a, JsonNode b) {
        if (isNone(a) || isNone(b)) {
            return OptionalInt.empty();
        }
        if (a.isNumber() && b.isNumber()) {
            return compareNumbers(a, b);
        }
        if (a.isTextual() && b.isTextual()) {
            return OptionalInt.of(compareCodePoints(a.textValue(), b.textValue()));
        }
        return OptionalInt.empty();
    }

    /** Python truthiness: None, false, zero, "" and empty containers are false. */
    static boolean truthy(JsonNode value) {
        if (isNone(value)) {
            return false;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            // NaN is truthy in Python, and NaN != 0.
            return value.isIntegralNumber() ? value.bigIntegerValue().signum() != 0 : value.doubleValue() != 0.0;
        }
        if (value.isTextual()) {
            return !value.textValue().isEmpty();
        }
        if (value.isContainerNode()) {
            return !value.isEmpty();
        }
        return true;
    }

    /** Python {@code str(value)}, as the {@code contains} operator applies it to its operand. */
    static String str(JsonNode value) {
        return value != null && value.isTextual() ? value.textValue() : repr(value);
    }

    static String repr(JsonNode value) {
        if (isNone(value)) {
            return "None";
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? "True" : "False";
        }
        if (value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        if (value.isNumber()) {
            return floatRepr(value.doubleValue());
        }
        if (value.isTextual()) {
            return stringRepr(value.textValue());
        }
        if (value.isArray()) {
            return arrayRepr(value);
        }
        if (value.isObject()) {
            return objectRepr(value);
        }
        return value.asText();
    }

    /** Python's {@code repr(float)}: shortest round-trip digits, exponent form below 1e-4 and from 1e16. */
    static String floatRepr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        String sign = (Double.doubleToRawLongBits(d) < 0) ? "-" : "";
        if (d == 0.0) {
            return sign + "0.0";
        }
        // Since JDK 19 Double.toString gives the shortest digits that round-trip, as Python's repr does.
        BigDecimal shortest = new BigDecimal(Double.toString(Math.abs(d))).stripTrailingZeros();
        String digits = shortest.unscaledValue().toString();
        int point = digits.length() - shortest.scale(); // value = 0.<digits> * 10^point
        if (point > -4 && point <= 16) {
            return sign + fixedNotation(digits, point);
        }
        return sign + scientificNotation(digits, point - 1);
    }

    private static String fixedNotation(String digits, int point) {
        if (point <= 0) {
            return "0." + "0".repeat(-point) + digits;
        }
        if (point >= digits.length()) {
            return digits + "0".repeat(point - digits.length()) + ".0";
        }
        return digits.substring(0, point) + "." + digits.substring(point);
    }

    private static String scientificNotation(String digits, int exponent) {
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }

    /** Python's {@code repr(str)} for the common cases; other non-printable characters are kept as they are. */
    private static String stringRepr(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder(s.length() + 2).append(quote);
        s.codePoints().forEach(c -> appendEscaped(out, c, quote));
        return out.append(quote).toString();
    }

    private static void appendEscaped(StringBuilder out, int c, char quote) {
        switch (c) {
            case '\n' -> out.append("\\n");
            case '\r' -> out.append("\\r");
            case '\t' -> out.append("\\t");
            case '\\' -> out.append("\\\\");
            default -> {
                if (c == quote) {
                    out.append('\\').append(quote);
                } else if (c < 0x20 || c == 0x7f) {
                    out.append(String.format("\\x%02x", c));
                } else {
                    out.appendCodePoint(c);
                }
            }
        }
    }

    private static String arrayRepr(JsonNode array) {
        StringBuilder out = new StringBuilder("[");
        for (JsonNode element : array) {
            out.append(out.length() > 1 ? ", " : "").append(repr(element));
        }
        return out.append(']').toString();
    }

    private static String objectRepr(JsonNode object) {
        StringBuilder out = new StringBuilder("{");
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            out.append(out.length() > 1 ? ", " : "");
            out.append(stringRepr(field.getKey())).append(": ").append(repr(field.getValue()));
        }
        return out.append('}').toString();
    }

    private static boolean equalArrays(JsonNode a, JsonNode b) {
        if (a.size() != b.size()) {
            return false;
        }
        Iterator<JsonNode> left = a.elements();
        Iterator<JsonNode> right = b.elements();
        while (left.hasNext()) {
            if (!equal(left.next(), right.next())) {
                return false;
            }
        }
        return true;
    }

    private static boolean equalObjects(JsonNode a, JsonNode b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> field : a.properties()) {
            if (!b.has(field.getKey()) || !equal(field.getValue(), b.get(field.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** Compares exact values as Python does for int and float; Python floats are doubles, so decimals are too. */
    private static OptionalInt compareNumbers(JsonNode a, JsonNode b) {
        double da = a.doubleValue();
        double db = b.doubleValue();
        if (Double.isNaN(da) || Double.isNaN(db)) {
            return OptionalInt.empty(); // NaN is neither equal to nor ordered with anything
        }
        if (!a.isIntegralNumber() && Double.isInfinite(da) || !b.isIntegralNumber() && Double.isInfinite(db)) {
            return OptionalInt.of(Double.compare(da, db));
        }
        return OptionalInt.of(Integer.signum(exact(a).compareTo(exact(b))));
    }

    private static BigDecimal exact(JsonNode number) {
        return number.isIntegralNumber()
                ? new BigDecimal(number.bigIntegerValue())
                : new BigDecimal(number.doubleValue());
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
