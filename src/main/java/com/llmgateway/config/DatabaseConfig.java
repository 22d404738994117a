package com.llmgateway.config;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Where the database is: a JDBC URL plus credentials, and for SQLite the file it lives in.
 *
 * @param type which database and so which migration folder
 * @param jdbcUrl the URL handed to the driver
 * @param user user name, when not part of the URL
 * @param password password, when not part of the URL
 * @param sqliteFile the SQLite file (absolute or relative to the working directory); empty for PostgreSQL
 */
public record DatabaseConfig(
        DatabaseType type,
        String jdbcUrl,
        Optional<String> user,
        Optional<String> password,
        Optional<Path> sqliteFile) {

    @Override
    public String toString() {
        return "DatabaseConfig[type=" + type + ", jdbcUrl=" + DatabaseUrls.redact(jdbcUrl) + ", user=" + user.orElse("")
                + "]";
    }
}
