package com.llmgateway.config;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns {@code DATABASE_URL} into a JDBC URL. Accepts the original's SQLAlchemy URLs ({@code
 * sqlite+aiosqlite:///./llm_gateway.db}, {@code postgresql+asyncpg://user:pw@host:5432/db}) and JDBC URLs.
 *
 * <p>Messages never show a password: parsed URLs are {@linkplain #redact redacted}, and a URL that could not be parsed
 * is shown only when it cannot hold one.
 */
final class DatabaseUrls {
    private static final Pattern SQLALCHEMY_SQLITE = Pattern.compile("^sqlite(\\+[a-z0-9_]+)?:///(.+)$");
    // Like SQLAlchemy's own pattern, the password runs to the first '@' and may hold ':' and '/'. The host may not
    // hold '@', so an unescaped '@' in a password is an error rather than a silently wrong host.
    private static final Pattern SQLALCHEMY_POSTGRES = Pattern.compile(
            "^postgres(?:ql)?(\\+[a-z0-9_]+)?://(?:([^:@/]*)(?::([^@]*))?@)?([^@/?]+)(/[^?]*)?(\\?.*)?$");
    private static final Pattern USER_INFO_PASSWORD = Pattern.compile("(://[^:@/]*:)[^@]*@");
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([?&;]password=)[^&;]*");
    private static final String ACCEPTED = "sqlite+aiosqlite:///./path.db, sqlite:////absolute/path.db,"
            + " jdbc:sqlite:path, postgresql+asyncpg://user:password@host:5432/db, postgresql://...,"
            + " postgres://..., jdbc:postgresql://host:5432/db"
            + " (percent-encode special characters of the user and password, e.g. '@' as %40)";

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
            // sqlite-jdbc also takes SQLite's URI form, jdbc:sqlite:file:/path.db?mode=...
            String path = withoutQuery(url.substring("jdbc:sqlite:".length())).replaceFirst("^file:", "");
            return sqlite(url, url, path);
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return new DatabaseConfig(
                    DatabaseType.POSTGRESQL, url, Optional.empty(), Optional.empty(), Optional.empty());
        }
        Matcher sqlite = SQLALCHEMY_SQLITE.matcher(url);
        if (sqlite.matches()) {
            String path = withoutQuery(sqlite.group(2));
            return sqlite(url, "jdbc:sqlite:" + path, path);
        }
        Matcher pg = SQLALCHEMY_POSTGRES.matcher(url);
        if (pg.matches()) {
            Optional<String> user =
                    Optional.ofNullable(pg.group(2)).filter(s -> !s.isEmpty()).map(s -> decode(s, url));
            Optional<String> password = Optional.ofNullable(pg.group(3)).map(s -> decode(s, url));
            String database = pg.group(5) == null ? "/" : pg.group(5);
            String query = pg.group(6) == null ? "" : pg.group(6);
            return new DatabaseConfig(
                    DatabaseType.POSTGRESQL,
                    "jdbc:postgresql://" + pg.group(4) + database + query,
                    user,
                    password,
                    Optional.empty());
        }
        throw SettingsLoader.invalid("DATABASE_URL", shown(url), ACCEPTED);
    }

    private static DatabaseConfig sqlite(String url, String jdbcUrl, String path) {
        if (path.isEmpty() || path.startsWith(":memory:")) {
            // An in-memory database would lose every provider and key at restart.
            throw SettingsLoader.invalid("DATABASE_URL", url, "a SQLite file URL (" + ACCEPTED + ")");
        }
        return new DatabaseConfig(
                DatabaseType.SQLITE, jdbcUrl, Optional.empty(), Optional.empty(), Optional.of(Path.of(path)));
    }

    private static String withoutQuery(String path) {
        int query = path.indexOf('?');
        return query >= 0 ? path.substring(0, query) : path;
    }

    /**
     * Percent-decoding of a user or password as SQLAlchemy does it ({@code urllib.parse.unquote}): unlike form
     * decoding, {@code +} stays a plus sign.
     */
    private static String decode(String part, String url) {
        try {
            return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw SettingsLoader.invalid(
                    "DATABASE_URL",
                    shown(url),
                    "a URL whose user and password use valid percent-escapes such as %40 for '@' (" + ACCEPTED + ")");
        }
    }

    /** The URL with its password (in the user-info or a {@code password=} parameter) replaced by {@code ***}. */
    static String redact(String url) {
        String withoutUserInfo = USER_INFO_PASSWORD.matcher(url).replaceFirst("$1***@");
        return PASSWORD_PARAMETER.matcher(withoutUserInfo).replaceAll("$1***");
    }

    /** What a message may show of a URL whose structure is unknown: all of it unless it may hold a password. */
    private static String shown(String url) {
        boolean mayHoldPassword =
                url.indexOf('@') >= 0 || url.toLowerCase(Locale.ROOT).contains("password");
        if (!mayHoldPassword) {
            return url;
        }
        int scheme = url.indexOf("://");
        return (scheme >= 0 ? url.substring(0, scheme + 3) : "") + "...(rest hidden: it may contain a password)";
    }
}
