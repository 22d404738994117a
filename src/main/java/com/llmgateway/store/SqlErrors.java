package com.llmgateway.store;

import java.sql.SQLException;
import java.util.function.Supplier;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Recognises constraint violations on both databases, so a duplicate name answers 409 instead of 500. */
final class SqlErrors {
    /** PostgreSQL SQLSTATE unique_violation. */
    private static final String PG_UNIQUE = "23505";
    /** SQLite's primary result code for every constraint (unique, primary key, foreign key, not null, check). */
    private static final int SQLITE_CONSTRAINT = 19;

    private SqlErrors() {}

    /**
     * Throws {@code conflict} when {@code e} is a unique violation; otherwise returns {@code e} for the caller to
     * throw: {@code throw SqlErrors.conflictIfUnique(e, () -> ...)}.
     */
    static SQLException conflictIfUnique(SQLException e, Supplier<StoreException> conflict) {
        if (isUniqueViolation(e)) {
            throw conflict.get();
        }
        return e;
    }

    static boolean isUniqueViolation(SQLException e) {
        for (SQLException current = e; current != null; current = current.getNextException()) {
            if (PG_UNIQUE.equals(current.getSQLState()) || isSqliteUnique(current)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isSqliteUnique(SQLException e) {
        if (e instanceof SQLiteException sqlite) {
            SQLiteErrorCode code = sqlite.getResultCode();
            return code == SQLiteErrorCode.SQLITE_CONSTRAINT_UNIQUE
                    || code == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY;
        }
        // Without extended result codes only the message tells a unique violation from a foreign key one.
        return e.getErrorCode() == SQLITE_CONSTRAINT
                && e.getMessage() != null
                && (e.getMessage().contains("UNIQUE") || e.getMessage().contains("PRIMARY KEY"));
    }
}
