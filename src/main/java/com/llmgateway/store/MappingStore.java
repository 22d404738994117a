package com.llmgateway.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/** {@code model_mapping_providers}: one row per (model, provider) pair, read with its provider's name and protocol. */
public final class MappingStore {
    private static final String SELECT = "SELECT m.id, m.requested_model, m.provider_id, p.name AS provider_name,"
            + " p.protocol AS provider_protocol, m.target_model_name, m.provider_rules, m.priority, m.weight,"
            + " m.is_active, m.created_at, m.updated_at, m.input_price, m.output_price"
            + " FROM model_mapping_providers m JOIN service_providers p ON p.id = m.provider_id";
    private static final String ORDER = " ORDER BY m.priority, m.id";

    private final Database database;

    public MappingStore(Database database) {
        this.database = database;
    }

    /** Every mapping matching the filter, ordered by priority then id; not paged. */
    public List<Mapping> list(Mapping.Filter filter) {
        Where where = new Where()
                .equal("m.requested_model", filter.requestedModel())
                .equal("m.provider_id", filter.providerId())
                .equal("m.is_active", filter.active());
        return Transactions.read(
                database,
                "list mappings",
                connection -> Sql.query(connection, SELECT + where.sql() + ORDER, where.values(), MappingStore::read));
    }

    /**
     * Fails with {@code model_not_found} or {@code provider_not_found} when either end is missing and with {@code
     * duplicate_mapping} when the pair exists already.
     */
    public Mapping create(Mapping.Draft draft) {
        long now = Instant.now().toEpochMilli();
        return Transactions.configWrite(database, "create mapping", connection -> {
            requireModel(connection, draft.requestedModel());
            requireProvider(connection, draft.providerId());
            long id;
            try {
                id = insert(connection, draft, now);
            } catch (SQLException e) {
                throw SqlErrors.conflictIfUnique(
                        e,
                        () -> StoreException.conflict(
                                "duplicate_mapping",
                                "Provider " + draft.providerId() + " is already mapped to model '"
                                        + draft.requestedModel() + "'"));
            }
            return find(connection, id);
        });
    }

    public Mapping update(long id, Mapping.Patch patch) {
        Assignments set = new Assignments()
                .setIfPresent("target_model_name", patch.targetModelName())
                .setIfChanged("provider_rules", patch.providerRules(), Sql::jsonText)
                .setIfPresent("priority", patch.priority())
                .setIfPresent("weight", patch.weight())
                .setIfPresent("is_active", patch.active())
                .setDecimalIfChanged("input_price", patch.inputPrice())
                .setDecimalIfChanged("output_price", patch.outputPrice())
                .set("updated_at", Instant.now().toEpochMilli());
        return Transactions.configWrite(database, "update mapping", connection -> {
            int changed = Sql.update(
                    connection, "UPDATE model_mapping_providers SET " + set.sql() + " WHERE id = ?", set.values(id));
            if (changed == 0) {
                throw notFound(id);
            }
            return find(connection, id);
        });
    }

    public void delete(long id) {
        Transactions.configWrite(database, "delete mapping", connection -> {
            if (Sql.update(connection, "DELETE FROM model_mapping_providers WHERE id = ?", List.of(id)) == 0) {
                throw notFound(id);
            }
            return null;
        });
    }

    /** Inserts without checking either end; the caller has. Returns the new id. */
    static long insert(Connection connection, Mapping.Draft draft, long now) throws SQLException {
        return Sql.insertReturningId(
                connection,
                "INSERT INTO model_mapping_providers (requested_model, provider_id, target_model_name, provider_rules,"
                        + " priority, weight, is_active, input_price, output_price, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Arrays.asList(
                        draft.requestedModel(),
                        draft.providerId(),
                        draft.targetModelName(),
                        draft.providerRules().map(Sql::jsonText).orElse(null),
                        draft.priority(),
                        draft.weight(),
                        draft.active(),
                        Sql.decimal(draft.inputPrice()),
                        Sql.decimal(draft.outputPrice()),
                        now,
                        now));
    }

    static List<Mapping> forModel(Connection connection, String requestedModel) throws SQLException {
        return Sql.query(
                connection,
                SELECT + " WHERE m.requested_model = ?" + ORDER,
                List.of(requestedModel),
                MappingStore::read);
    }

    /** Every mapping, ordered by priority then id, for the routing snapshot. */
    static List<Mapping> all(Connection connection) throws SQLException {
        return Sql.query(connection, SELECT + ORDER, List.of(), MappingStore::read);
    }

    private void requireModel(Connection connection, String requestedModel) throws SQLException {
        // The shared lock keeps the model from being deleted before this insert commits (PostgreSQL).
        Sql.queryOne(
                        connection,
                        "SELECT requested_model FROM model_mappings WHERE requested_model = ?"
                                + Sql.forShare(database.type()),
                        List.of(requestedModel),
                        row -> row.getString(1))
                .orElseThrow(() -> ModelStore.notFound(requestedModel));
    }

    private void requireProvider(Connection connection, long providerId) throws SQLException {
        Sql.queryOne(
                        connection,
                        "SELECT id FROM service_providers WHERE id = ?" + Sql.forShare(database.type()),
                        List.of(providerId),
                        row -> row.getLong(1))
                .orElseThrow(() -> ProviderStore.notFound(providerId));
    }

    private static Mapping find(Connection connection, long id) throws SQLException {
        return Sql.queryOne(connection, SELECT + " WHERE m.id = ?", List.of(id), MappingStore::read)
                .orElseThrow(() -> notFound(id));
    }

    private static Mapping read(ResultSet row) throws SQLException {
        long id = row.getLong("id");
        return new Mapping(
                id,
                row.getString("requested_model"),
                row.getLong("provider_id"),
                row.getString("provider_name"),
                row.getString("provider_protocol"),
                row.getString("target_model_name"),
                Sql.json(row, "provider_rules", "mapping " + id),
                row.getInt("priority"),
                row.getInt("weight"),
                row.getBoolean("is_active"),
                Sql.instant(row, "created_at"),
                Sql.instant(row, "updated_at"),
                Sql.decimal(row, "input_price"),
                Sql.decimal(row, "output_price"));
    }

    private static StoreException notFound(long id) {
        return StoreException.notFound("mapping_not_found", "Model-provider mapping " + id + " not found");
    }
}
