package com.llmgateway.store;

import com.llmgateway.routing.ApiKeyEntry;
import com.llmgateway.security.GatewayKeys;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code api_keys}: gateway keys are stored as their SHA-256 hash and a mask; the full value exists only in the answer
 * to {@link #create}.
 */
public final class ApiKeyStore {
    private static final String SELECT =
            "SELECT id, key_name, key_mask, is_active, created_at, last_used_at FROM api_keys";

    private final Database database;
    private final GatewayKeys keys;

    public ApiKeyStore(Database database, GatewayKeys keys) {
        this.database = database;
        this.keys = keys;
    }

    /** Newest first (id descending). */
    public Page<ApiKey> list(Optional<Boolean> active, PageRequest page) {
        Where where = new Where().equal("is_active", active);
        return Transactions.read(
                database,
                "list API keys",
                connection -> new Page<>(
                        Sql.query(
                                connection,
                                SELECT + where.sql() + " ORDER BY id DESC LIMIT ? OFFSET ?",
                                where.values(page.pageSize(), page.offset()),
                                ApiKeyStore::read),
                        Sql.count(connection, "SELECT COUNT(*) FROM api_keys" + where.sql(), where.values())));
    }

    public ApiKey get(long id) {
        return Transactions.read(database, "read API key", connection -> find(connection, id));
    }

    /** Generates a new active key; fails with {@code duplicate_name} when the name is taken. */
    public ApiKey.Created create(String keyName) {
        String value = keys.generate();
        long now = Instant.now().toEpochMilli();
        return Transactions.configWrite(database, "create API key", connection -> {
            long id;
            try {
                id = Sql.insertReturningId(
                        connection,
                        "INSERT INTO api_keys (key_name, key_hash, key_mask, is_active, created_at)"
                                + " VALUES (?, ?, ?, ?, ?)",
                        List.of(keyName, GatewayKeys.sha256Hex(value), GatewayKeys.mask(value), true, now));
            } catch (SQLException e) {
                throw SqlErrors.conflictIfUnique(e, () -> duplicateName(keyName));
            }
            return new ApiKey.Created(find(connection, id), value);
        });
    }

    public ApiKey update(long id, ApiKey.Patch patch) {
        Assignments set =
                new Assignments().setIfPresent("key_name", patch.keyName()).setIfPresent("is_active", patch.active());
        return Transactions.configWrite(database, "update API key", connection -> {
            if (set.sql().isEmpty()) {
                return find(connection, id);
            }
            int changed;
            try {
                changed = Sql.update(connection, "UPDATE api_keys SET " + set.sql() + " WHERE id = ?", set.values(id));
            } catch (SQLException e) {
                throw SqlErrors.conflictIfUnique(
                        e, () -> duplicateName(patch.keyName().orElse("")));
            }
            if (changed == 0) {
                throw notFound(id);
            }
            return find(connection, id);
        });
    }

    public void delete(long id) {
        Transactions.configWrite(database, "delete API key", connection -> {
            if (Sql.update(connection, "DELETE FROM api_keys WHERE id = ?", List.of(id)) == 0) {
                throw notFound(id);
            }
            return null;
        });
    }

    /**
     * Records when keys were last used, in one batch: {@code lastUsedByKeyId} maps a key id to epoch milliseconds. A
     * time never moves backwards, and ids of deleted keys are ignored. Blocking: the proxy calls it from a worker
     * thread, off the request path.
     */
    public void touchLastUsed(Map<Long, Long> lastUsedByKeyId) {
        if (lastUsedByKeyId.isEmpty()) {
            return;
        }
        Transactions.write(database, "record API key use", connection -> {
            try (PreparedStatement statement = connection.prepareStatement("UPDATE api_keys SET last_used_at = ?"
                    + " WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)")) {
                for (Map.Entry<Long, Long> use : lastUsedByKeyId.entrySet()) {
                    statement.setLong(1, use.getValue());
                    statement.setLong(2, use.getKey());
                    statement.setLong(3, use.getValue());
                    statement.addBatch();
                }
                return statement.executeBatch();
            }
        });
    }

    /** Every key by its hash, for the routing snapshot. */
    static Map<String, ApiKeyEntry> entriesByHash(Connection connection) throws SQLException {
        List<Map.Entry<String, ApiKeyEntry>> rows = Sql.query(
                connection,
                "SELECT id, key_name, key_hash, is_active FROM api_keys",
                List.of(),
                row -> Map.entry(
                        row.getString("key_hash").trim(),
                        new ApiKeyEntry(row.getLong("id"), row.getString("key_name"), row.getBoolean("is_active"))));
        return rows.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static ApiKey find(Connection connection, long id) throws SQLException {
        return Sql.queryOne(connection, SELECT + " WHERE id = ?", List.of(id), ApiKeyStore::read)
                .orElseThrow(() -> notFound(id));
    }

    private static ApiKey read(ResultSet row) throws SQLException {
        return new ApiKey(
                row.getLong("id"),
                row.getString("key_name"),
                row.getString("key_mask"),
                row.getBoolean("is_active"),
                Sql.instant(row, "created_at"),
                Sql.optionalInstant(row, "last_used_at"));
    }

    private static StoreException notFound(long id) {
        return StoreException.notFound("api_key_not_found", "API key " + id + " not found");
    }

    private static StoreException duplicateName(String name) {
        return StoreException.conflict("duplicate_name", "API key name '" + name + "' already exists");
    }
}
