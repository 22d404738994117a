package com.llmgateway.admin;

/**
 * One invalid input, answered with 422: where it was ({@code body}, {@code query} or {@code path}), which field, and
 * what is wrong with it in words an operator can act on.
 */
final class ValidationException extends RuntimeException {
    private final String location;
    private final String field;
    private final String problem;

    ValidationException(String location, String field, String problem) {
        super(field + ": " + problem, null, false, false);
        this.location = location;
        this.field = field;
        this.problem = problem;
    }

    static ValidationException body(String field, String problem) {
        return new ValidationException("body", field, problem);
    }

    String location() {
        return location;
    }

    String field() {
        return field;
    }

    String problem() {
        return problem;
    }
}
