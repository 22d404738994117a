package com.llmgateway.protocol.translate;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * A translated request or response body and the fields of the source that the target protocol could not carry.
 *
 * @param json the body in the target protocol
 * @param droppedFields paths of dropped source fields ({@code []} stands for every index), each once, in the order
 *     first met; the exchange reports them in {@value #DROPPED_FIELDS_HEADER}
 */
public record Translated(ObjectNode json, List<String> droppedFields) {
    /** The response header that names the dropped fields, comma-separated. */
    public static final String DROPPED_FIELDS_HEADER = "x-gateway-dropped-fields";

    public Translated {
        droppedFields = List.copyOf(droppedFields);
    }

    public byte[] bytes() {
        return Json.bytes(json);
    }

    /** The value of {@value #DROPPED_FIELDS_HEADER}, or empty when nothing was dropped. */
    public Optional<String> droppedFieldsHeader() {
        return Dropped.header(droppedFields);
    }
}
