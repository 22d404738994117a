package com.llmgateway.protocol.translate;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One request being translated: the client's body, the provider's body being built, the options and the losses so
 * far. Confined to the call that translates it.
 */
record RequestTranslation(ObjectNode source, ObjectNode target, TranslationOptions options, Dropped dropped) {
    static RequestTranslation of(ObjectNode source, TranslationOptions options) {
        return new RequestTranslation(source, Json.object(), options, new Dropped());
    }

    Translated result() {
        return new Translated(target, dropped.list());
    }
}
