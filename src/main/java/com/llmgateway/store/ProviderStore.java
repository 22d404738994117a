package com.llmgateway.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.llmgateway.security.SecretCipher;
import com.llmgateway.security.SecretCipherException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code service_providers}: names are unique, API keys are stored encrypted, extra headers as JSON text. */
public final class ProviderStore {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderStore.class);
    private static final String INSERT = "INSERT INTO service_providers (name, base_url, protocol, api_type, api_key,"
            + " extra_headers, is_active, include_stream_usage, responses_api, timeouts, health, created_at, updated_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String SELECT = "SELECT id, name, base_url, protocol, api_type, api_key, extra_headers,"
            + " is_active, include_stream_usage, responses_api, timeouts, health, created_at, updated_at"
            + " FROM service_providers";

    private final Database database;
    private final SecretCipher cipher;

    public ProviderStore(Database database, SecretCipher cipher) {
        this.database = database;
        this.cipher = cipher;
    }

    /** Newest first (id descending). */
    public Page<Provider> list(Optional<Boolean> active, PageRequest page) {
        Where where = new Where().equal("is_active", active);
        return Transactions.read(
                database,
                "list providers",
                connection -> new Page<>(
                        Sql.query(
                                connection,
                                SELECT + where.sql() + " ORDER BY id DESC LIMIT ? OFFSET ?",
                                where.values(page.pageSize(), page.offset()),
                                this::read),
                        Sql.count(connection, "SELECT COUNT(*) FROM service_providers" + where.sql(), where.values())));
    }

    public Provider get(long id) {
        return Transactions.read(database, "read provider", connection -> find(connection, id));
    }

    /** Fails with {@code duplicate_name} when another provider has the name. */
    public Provider create(Provider.Draft draft) {
        long now = Instant.now().toEpochMilli();
        return Transactions.configWrite(database, "create provider", connection -> {
            long id;
            try {
                id = Sql.insertReturningId(connection, INSERT, values(draft, now));
            } catch (SQLException e) {
                throw SqlErrors.conflictIfUnique(e, () -> duplicateName(draft.name()));
            }
            return find(connection, id);
        });
    }

    public Provider update(long id, Provider.Patch patch) {
        Assignments set = new Assignments()
                .setIfPresent("name", patch.name())
                .setIfPresent("base_url", patch.baseUrl())
                .setIfPresent("protocol", patch.protocol())
                .setIfPresent("api_type", patch.apiType())
                .setIfChanged("api_key", patch.apiKey(), cipher::encrypt)
                .setIfChanged("extra_headers", patch.extraHeaders(), ProviderStore::headersText)
                .setIfPresent("is_active", patch.active())
                .setIfPresent("include_stream_usage", patch.includeStreamUsage())
                .setIfPresent("responses_api", patch.responsesApi())
                .setIfChanged("timeouts", patch.timeouts(), Sql::jsonText)
                .setIfChanged("health", patch.health(), Sql::jsonText)
                .set("updated_at", Instant.now().toEpochMilli());
        return Transactions.configWrite(database, "update provider", connection -> {
            int changed;
            try {
                changed = Sql.update(
                        connection, "UPDATE service_providers SET " + set.sql() + " WHERE id = ?", set.values(id));
            } catch (SQLException e) {
                throw SqlErrors.conflictIfUnique(
                        e, () -> duplicateName(patch.name().orElse("")));
            }
            if (changed == 0) {
                throw notFound(id);
            }
            return find(connection, id);
        });
    }

    /** Refuses with {@code provider_in_use} while any mapping, active or not, refers to the provider. */
    public void delete(long id) {
        Transactions.configWrite(database, "delete provider", connection -> {
            Sql.queryOne(
                            connection,
                            "SELECT id FROM service_providers WHERE id = ?" + Sql.forUpdate(database.type()),
                            List.of(id),
                            row -> row.getLong(1))
                    .orElseThrow(() -> notFound(id));
            long mappings = Sql.count(
                    connection, "SELECT COUNT(*) FROM model_mapping_providers WHERE provider_id = ?", List.of(id));
            if (mappings > 0) {
                throw StoreException.conflict("provider_in_use", "Provider is referenced by model mappings");
            }
            return Sql.update(connection, "DELETE FROM service_providers WHERE id = ?", List.of(id));
        });
    }

    /**
     * Every provider with its key decrypted, oldest first: the export. A key that cannot be decrypted (the master key
     * changed) is exported as absent.
     */
    public List<Provider> exportAll() {
        return Transactions.read(database, "export providers", this::all);
    }

    /**
     * Creates the providers whose names do not exist yet, in one transaction: an import is applied whole or not at
     * all. A name that exists (in the database, or earlier in the same list) is skipped, the existing provider left as
     * it is.
     */
    public ImportResult importAll(List<Provider.Draft> drafts) {
        long now = Instant.now().toEpochMilli();
        return Transactions.configWrite(database, "import providers", connection -> {
            int created = 0;
            for (Provider.Draft draft : drafts) {
                // ON CONFLICT DO NOTHING rather than a check first: a concurrent create cannot fail the import.
                created += Sql.update(connection, INSERT + " ON CONFLICT (name) DO NOTHING", values(draft, now));
            }
            return new ImportResult(created, drafts.size() - created, List.of());
        });
    }

    private List<Object> values(Provider.Draft draft, long now) {
        return Arrays.asList(
                draft.name(),
                draft.baseUrl(),
                draft.protocol(),
                draft.apiType(),
                draft.apiKey().map(cipher::encrypt).orElse(null),
                draft.extraHeaders().map(ProviderStore::headersText).orElse(null),
                draft.active(),
                draft.includeStreamUsage(),
                draft.responsesApi(),
                draft.timeouts().map(Sql::jsonText).orElse(null),
                draft.health().map(Sql::jsonText).orElse(null),
                now,
                now);
    }

    /** Every provider, for the routing snapshot. */
    List<Provider> all(Connection connection) throws SQLException {
        return Sql.query(connection, SELECT + " ORDER BY id", List.of(), this::read);
    }

    private Provider find(Connection connection, long id) throws SQLException {
        return Sql.queryOne(connection, SELECT + " WHERE id = ?", List.of(id), this::read)
                .orElseThrow(() -> notFound(id));
    }

    private Provider read(ResultSet row) throws SQLException {
        long id = row.getLong("id");
        String name = row.getString("name");
        String stored = row.getString("api_key");
        Optional<String> apiKey = Optional.empty();
        boolean unreadable = false;
        if (stored != null) {
            try {
                apiKey = Optional.of(cipher.decrypt(stored));
            } catch (SecretCipherException e) {
                LOG.error("API key of provider '{}' (id {}) is unreadable: {}", name, id, e.getMessage());
                unreadable = true;
            }
        }
        return new Provider(
                id,
                name,
                row.getString("base_url"),
                row.getString("protocol"),
                row.getString("api_type"),
                apiKey,
                unreadable,
                Sql.json(row, "extra_headers", "provider " + id).map(ProviderStore::headers),
                row.getBoolean("is_active"),
                row.getBoolean("include_stream_usage"),
                row.getBoolean("responses_api"),
                Sql.json(row, "timeouts", "provider " + id),
                Sql.json(row, "health", "provider " + id),
                Sql.instant(row, "created_at"),
                Sql.instant(row, "updated_at"));
    }

    private static Map<String, String> headers(JsonNode json) {
        Map<String, String> headers = new LinkedHashMap<>();
        json.properties().forEach(entry -> {
            if (entry.getValue().isTextual()) {
                headers.put(entry.getKey(), entry.getValue().textValue());
            }
        });
        return headers;
    }

    private static String headersText(Map<String, String> headers) {
        return Sql.jsonText(Sql.JSON.valueToTree(headers));
    }

    static StoreException notFound(long id) {
        return StoreException.notFound("provider_not_found", "Provider " + id + " not found");
    }

    private static StoreException duplicateName(String name) {
        return StoreException.conflict("duplicate_name", "Provider name '" + name + "' already exists");
    }
}
