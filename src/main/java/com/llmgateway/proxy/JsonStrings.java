package com.llmgateway.proxy;

import com.fasterxml.jackson.core.io.JsonStringEncoder;

/** JSON string literals without building a tree. */
final class JsonStrings {
    private JsonStrings() {}

    static String quote(String value) {
        return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(value)) + "\"";
    }
}
