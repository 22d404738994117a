package com.llmgateway.web;

import java.util.Optional;

/**
 * Which request paths the console may answer, and with what. Pure: no I/O.
 *
 * <p>The gateway's own surfaces ({@code /v1}, {@code /api}, {@code /health}, {@code /metrics}) are never answered by
 * the console, so an unknown API path keeps its JSON 404 instead of becoming the app's HTML. Files under {@code
 * /assets/} carry a content hash in their name (Vite's build), so they never change and may be cached for a year; a
 * missing one is a 404, never the index (a script tag given HTML fails in confusing ways). Everything else that names
 * no file is a route of the single-page app: the index answers it, and the app's router takes over.
 */
final class ConsolePaths {
    static final String INDEX = "index.html";
    static final String ASSETS = "assets/";

    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    /** The index names the current assets, so it is revalidated on every load (its ETag makes that cheap). */
    static final String REVALIDATE = "no-cache";

    private static final String[] RESERVED = {"/v1", "/api", "/health", "/metrics"};

    private ConsolePaths() {}

    /** The gateway's own paths: the prefix itself or anything below it. */
    static boolean isReserved(String path) {
        for (String prefix : RESERVED) {
            if (path.equals(prefix) || path.startsWith(prefix + "/")) {
                return true;
            }
        }
        return false;
    }

    static boolean isAsset(String file) {
        return file.startsWith(ASSETS);
    }

    /**
     * The bundle file a request path names, relative to the bundle's root ({@code /} is the index), or empty when the
     * path cannot name one safely: dot segments, hidden files, empty segments, backslashes or control characters.
     */
    static Optional<String> file(String path) {
        if (path == null || !path.startsWith("/")) {
            return Optional.empty();
        }
        if (path.equals("/")) {
            return Optional.of(INDEX);
        }
        String relative = path.substring(1);
        for (String segment : relative.split("/", -1)) {
            if (segment.isEmpty() || segment.startsWith(".")) {
                return Optional.empty();
            }
        }
        boolean unsafe = relative.chars().anyMatch(c -> c == '\\' || c < 0x20 || c == 0x7f);
        return unsafe ? Optional.empty() : Optional.of(relative);
    }

    /**
     * Whether a path outside {@code /assets/} may name a file of the bundle (favicon.svg, robots.txt) rather than a
     * route: its last segment has an extension. Routes ({@code /providers}, {@code /logs/detail}) go straight to the
     * index without a lookup.
     */
    static boolean mayBeFile(String file) {
        String last = file.substring(file.lastIndexOf('/') + 1);
        return last.indexOf('.') > 0;
    }

    static String cacheControl(String file) {
        return isAsset(file) ? IMMUTABLE : REVALIDATE;
    }
}
