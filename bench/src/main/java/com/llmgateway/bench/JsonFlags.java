package com.llmgateway.bench;

import io.vertx.core.buffer.Buffer;

/**
 * Finds {@code "name": true} in a request body without parsing it. The mock only needs two flags from bodies that the
 * benchmark itself wrote, so a scan is enough and keeps the mock's cost per request small.
 */
final class JsonFlags {
    private JsonFlags() {}

    static boolean isTrue(Buffer body, String name) {
        String text = body.toString();
        String quoted = "\"" + name + "\"";
        for (int at = text.indexOf(quoted); at >= 0; at = text.indexOf(quoted, at + 1)) {
            int i = skipSpaces(text, at + quoted.length());
            if (i < text.length() && text.charAt(i) == ':') {
                i = skipSpaces(text, i + 1);
                if (text.startsWith("true", i)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int skipSpaces(String text, int from) {
        int i = from;
        while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }
}
