package com.llmgateway.protocol;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** JSON string literals without building a tree. */
public final class JsonStrings {
    private JsonStrings() {}

    public static String quote(String value) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + "\"";
    }
}
