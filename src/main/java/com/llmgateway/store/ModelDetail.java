package com.llmgateway.store;

import java.util.List;

/** A model with all its mappings, ordered by priority then id, read in one transaction. */
public record ModelDetail(Model model, List<Mapping> mappings) {
    public ModelDetail {
        mappings = List.copyOf(mappings);
    }
}
