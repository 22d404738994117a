package com.llmgateway.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns {@code DATABASE_URL} into a JDBC URL. Accepts the original's SQLAlchemy URLs ({@code
 * sqlite+aiosqlite:///./llm_gateway.db}, {@code postgresql+asyncpg://user:pw@host:5432/db}) and JDBC URLs.
 */
final class DatabaseUrls {
    private static final Pattern SQLALCHEMY_SQLITE = Pattern.compile("^sqlite(\\+[a-z0-9_]+)?:///(.+)$");
    private static final Pattern SQLALCHEMY_POSTGRES = Pattern.compile(
            "^postgres(?:ql)?(\\+[a-z0-9_]+)?://(?:([^:@/]*)(?::([^@/]*))?@)?([^/?]+)(/[^?]*)?(\\?.*)?$");
    private static final String ACCEPTED =
            "sqlite+aiosqlite:///./path.db, sqlite:////absolute/path.db, jdbc:sqlite:path,"
                    + " postgresql+asyncpg://user:password@host:5432/db, postgresql://..., jdbc:postgresql://host:5432/db";

    private DatabaseUrls() {}

    static DatabaseConfig parse(DatabaseType type, String url) {
        String trimmed = url.trim();
        DatabaseConfig config = parseAny(trimmed);
        if (config.type() != type) {
            throw new SettingsException("DATABASE_URL '" + redact(trimmed) + "' is a "
                    + config.type().settingValue()
                    + " URL but DATABASE_TYPE is " + type.settingValue()
                    + "; set DATABASE_TYPE=" + config.type().settingValue() + " or use a matching DATABASE_URL");
        }
        return config;
    }

    private static DatabaseConfig parseAny(String url) {
        if (url.startsWith("jdbc:sqlite:")) {
            String file = url.substring("jdbc:sqlite:".length());
            int query = file.indexOf('?');
            String path = query >= 0 ? file.substring(0, query) : file;
            if (path.isEmpty() || path.equals(":memory:")) {
                throw SettingsLoader.invalid("DATABASE_URL", url, "a SQLite file URL (" + ACCEPTED + ")");
            }
            return new DatabaseConfig(
                    DatabaseType.SQLITE, url, Optional.empty(), Optional.empty(), Optional.of(Path.of(path)));
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return new DatabaseConfig(
                    DatabaseType.POSTGRESQL, url, Optional.empty(), Optional.empty(), Optional.empty());
        }
        Matcher sqlite = SQLALCHEMY_SQLITE.matcher(url);
        if (sqlite.matches()) {
            String path = sqlite.group(2);
            int query = path.indexOf('?');
            if (query >= 0) {
                path = path.substring(0, query);
            }
            if (path.isEmpty() || path.equals(":memory:")) {
                throw SettingsLoader.invalid("DATABASE_URL", url, "a SQLite file URL (" + ACCEPTED + ")");
            }
            return new DatabaseConfig(
                    DatabaseType.SQLITE,
                    "jdbc:sqlite:" + path,
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(Path.of(path)));
        }
        Matcher pg = SQLALCHEMY_POSTGRES.matcher(url);
        if (pg.matches()) {
            Optional<String> user =
                    Optional.ofNullable(pg.group(2)).filter(s -> !s.isEmpty()).map(DatabaseUrls::decode);
            Optional<String> password = Optional.ofNullable(pg.group(3)).map(DatabaseUrls::decode);
            String database = pg.group(5) == null ? "/" : pg.group(5);
            String query = pg.group(6) == null ? "" : pg.group(6);
            return new DatabaseConfig(
                    DatabaseType.POSTGRESQL,
                    "jdbc:postgresql://" + pg.group(4) + database + query,
                    user,
                    password,
                    Optional.empty());
        }
        throw SettingsLoader.invalid("DATABASE_URL", redact(url), ACCEPTED);
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    /** Hides the password of a URL that is about to be printed. */
    static String redact(String url) {
        return url.replaceAll("://([^:@/]*):[^@/]*@", "://$1:***@");
    }
}
