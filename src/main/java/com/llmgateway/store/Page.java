package com.llmgateway.store;

import java.util.List;

/** The rows of one page and the number of rows on all pages. */
public record Page<T>(List<T> items, long total) {
    public Page {
        items = List.copyOf(items);
    }
}
