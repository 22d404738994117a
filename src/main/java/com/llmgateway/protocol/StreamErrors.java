package com.llmgateway.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** TEMP STUB */
public final class StreamErrors {
    public static byte[] openAi(GatewayError e) {
        return concat("data: ", e.openAiBody(), "\n\n");
    }

    public static byte[] anthropic(GatewayError e) {
        return concat("event: error\ndata: ", e.anthropicBody(), "\n\n");
    }

    private static byte[] concat(String a, byte[] b, String c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(b);
        out.writeBytes(c.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }
}
