package com.llmgateway.protocol.translate;

/**
 * Tool-call ids pass through unchanged in both directions, except that Anthropic accepts only {@code [A-Za-z0-9_-]}
 * in {@code tool_use.id} and {@code tool_use_id}; ids from other providers (for example {@code functions.get:0})
 * have every other character replaced by {@code _}, the same way in the call and in its result, so they still pair.
 */
final class ToolIds {
    private ToolIds() {}

    static String forAnthropic(String id) {
        StringBuilder out = null;
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok =
                    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (!ok && out == null) {
                out = new StringBuilder(id.substring(0, i));
            }
            if (out != null) {
                out.append(ok ? c : '_');
            }
        }
        return out == null ? id : out.toString();
    }
}
