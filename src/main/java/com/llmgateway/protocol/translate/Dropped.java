package com.llmgateway.protocol.translate;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The source fields a translation left out. Paths use {@code []} instead of indexes so that a long conversation with
 * the same loss in every turn names it once and the header stays short.
 */
final class Dropped {
    private final Set<String> paths = new LinkedHashSet<>();

    void add(String path) {
        paths.add(path);
    }

    List<String> list() {
        return List.copyOf(paths);
    }

    static Optional<String> header(List<String> paths) {
        return paths.isEmpty() ? Optional.empty() : Optional.of(String.join(", ", paths));
    }
}
