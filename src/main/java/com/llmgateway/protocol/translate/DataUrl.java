package com.llmgateway.protocol.translate;

import java.util.Optional;

/** A base64 {@code data:} URL, the form OpenAI takes inline images and files in. */
record DataUrl(String mediaType, String data) {
    private static final String PREFIX = "data:";
    private static final String BASE64 = ";base64,";

    /** The media type and data of {@code data:<type>;base64,<data>}; empty for anything else. */
    static Optional<DataUrl> parse(String url) {
        if (url == null || !url.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return Optional.empty();
        }
        int marker = url.indexOf(BASE64);
        if (marker < 0) {
            return Optional.empty();
        }
        return Optional.of(
                new DataUrl(url.substring(PREFIX.length(), marker), url.substring(marker + BASE64.length())));
    }

    static boolean isDataUrl(String url) {
        return url != null && url.regionMatches(true, 0, PREFIX, 0, PREFIX.length());
    }

    String url() {
        return PREFIX + mediaType + BASE64 + data;
    }
}
