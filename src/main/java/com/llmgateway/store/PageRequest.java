package com.llmgateway.store;

/** One page of a list: {@code page} counts from 1. */
public record PageRequest(int page, int pageSize) {
    public PageRequest {
        if (page < 1 || pageSize < 1) {
            throw new IllegalArgumentException("page " + page + ", size " + pageSize);
        }
    }

    long offset() {
        return (long) (page - 1) * pageSize;
    }
}
