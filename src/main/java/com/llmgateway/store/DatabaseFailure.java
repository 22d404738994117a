package com.llmgateway.store;

import java.sql.SQLException;

/** An unexpected database error (connection lost, disk full, a bug in a statement); the caller answers 500. */
public final class DatabaseFailure extends RuntimeException {
    DatabaseFailure(String message, SQLException cause) {
        super(message + ": " + cause.getMessage(), cause);
    }
}
