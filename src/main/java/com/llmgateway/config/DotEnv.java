package com.llmgateway.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The {@code .env} format as python-dotenv reads it (the original loads its {@code .env} through pydantic-settings,
 * which uses python-dotenv), so an operator's existing file means the same here: {@code KEY=VALUE} lines, {@code #}
 * comment lines, an optional {@code export}, single or double quotes, and a {@code #} after whitespace starting a
 * comment in an unquoted value. Quoted values end at their closing quote; double quotes resolve backslash escapes.
 * Values spanning several lines are not supported.
 */
final class DotEnv {
    private static final Pattern EXPORT = Pattern.compile("^export\\s+");
    private static final Pattern INLINE_COMMENT = Pattern.compile("\\s+#.*$");
    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private DotEnv() {}

    static Map<String, String> parse(String text) {
        Map<String, String> result = new LinkedHashMap<>();
        // Editors on Windows save UTF-8 with a byte order mark; without this the first key would silently not match.
        String content = !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
        for (String raw : content.split("\\R")) {
            String line = EXPORT.matcher(raw.strip()).replaceFirst("");
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            result.put(
                    line.substring(0, eq).strip(), value(line.substring(eq + 1).strip()));
        }
        return result;
    }

    private static String value(String raw) {
        if (raw.startsWith("\"") || raw.startsWith("'")) {
            String quoted = quoted(raw);
            if (quoted != null) {
                return quoted;
            }
        }
        return INLINE_COMMENT.matcher(raw).replaceFirst("");
    }

    /**
     * The text inside the quotes that open {@code raw}, or null when they are never closed. Whatever follows the
     * closing quote (normally a comment) is ignored. Escapes as in python-dotenv: {@code \\ \' \" \a \b \f \n \r \t
     * \v} inside double quotes, {@code \\ \'} inside single quotes.
     */
    private static String quoted(String raw) {
        char quote = raw.charAt(0);
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 1; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == quote) {
                return out.toString();
            }
            if (c == '\\' && i + 1 < raw.length()) {
                String escaped = escape(quote, raw.charAt(i + 1));
                if (escaped != null) {
                    out.append(escaped);
                    i++;
                    continue;
                }
            }
            out.append(c);
        }
        return null;
    }

    private static String escape(char quote, char next) {
        if (next == '\\' || next == '\'') {
            return String.valueOf(next);
        }
        if (quote == '\'') {
            return null;
        }
        return switch (next) {
            case '"' -> "\"";
            case 'a' -> "\u0007";
            case 'b' -> "\b";
            case 'f' -> "\f";
            case 'n' -> "\n";
            case 'r' -> "\r";
            case 't' -> "\t";
            case 'v' -> "\u000B";
            default -> null;
        };
    }
}
