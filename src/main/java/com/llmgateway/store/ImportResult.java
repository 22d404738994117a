package com.llmgateway.store;

import java.util.List;

/**
 * What an import did: {@code success} items created, {@code skipped} items left out because their name existed, and
 * the parts that could not be imported, in words an operator can act on.
 */
public record ImportResult(int success, int skipped, List<String> errors) {
    public ImportResult {
        errors = List.copyOf(errors);
    }
}
