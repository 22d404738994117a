package com.llmgateway.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** {@code model_mappings}: keyed by the model name clients send; deleting one deletes its mappings too. */
public final class ModelStore {
    private static final String SELECT = "SELECT requested_model, strategy, matching_rules, capabilities, is_active,"
            + " created_at, updated_at, (SELECT COUNT(*) FROM model_mapping_providers m"
            + " WHERE m.requested_model = model_mappings.requested_model) AS provider_count FROM model_mappings";

    private final Database database;

    public ModelStore(Database database) {
        this.database = database;
    }

    /** Ordered by name (code point order on both databases). */
    public Page<Model> list(Optional<Boolean> active, PageRequest page) {
        Where where = new Where().equal("is_active", active);
        String order = " ORDER BY " + Sql.byCodePoint(database.type(), "requested_model");
        return Transactions.read(
                database,
                "list models",
                connection -> new Page<>(
                        Sql.query(
                                connection,
                                SELECT + where.sql() + order + " LIMIT ? OFFSET ?",
                                where.values(page.pageSize(), page.offset()),
                                ModelStore::read),
                        Sql.count(connection, "SELECT COUNT(*) FROM model_mappings" + where.sql(), where.values())));
    }

    public ModelDetail get(String requestedModel) {
        return Transactions.read(database, "read model", connection -> detail(connection, requestedModel));
    }

    /** Fails with {@code duplicate_model} when the name exists already. */
    public ModelDetail create(Model.Draft draft) {
        long now = Instant.now().toEpochMilli();
        return Transactions.write(database, "create model", connection -> {
            try {
                Sql.update(
                        connection,
                        "INSERT INTO model_mappings (requested_model, strategy, matching_rules, capabilities,"
                                + " is_active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        Arrays.asList(
                                draft.requestedModel(),
                                draft.strategy(),
                                draft.matchingRules().map(Sql::jsonText).orElse(null),
                                draft.capabilities().map(Sql::jsonText).orElse(null),
                                draft.active(),
                                now,
                                now));
            } catch (SQLException e) {
                throw SqlErrors.conflictIfUnique(
                        e,
                        () -> StoreException.conflict(
                                "duplicate_model", "Model '" + draft.requestedModel() + "' already exists"));
            }
            return detail(connection, draft.requestedModel());
        });
    }

    public ModelDetail update(String requestedModel, Model.Patch patch) {
        Assignments set = new Assignments()
                .setIfPresent("strategy", patch.strategy())
                .setIfChanged("matching_rules", patch.matchingRules(), Sql::jsonText)
                .setIfChanged("capabilities", patch.capabilities(), Sql::jsonText)
                .setIfPresent("is_active", patch.active())
                .set("updated_at", Instant.now().toEpochMilli());
        return Transactions.write(database, "update model", connection -> {
            int changed = Sql.update(
                    connection,
                    "UPDATE model_mappings SET " + set.sql() + " WHERE requested_model = ?",
                    set.values(requestedModel));
            if (changed == 0) {
                throw notFound(requestedModel);
            }
            return detail(connection, requestedModel);
        });
    }

    /**
     * Deletes the model and its mappings in one transaction. The mappings are deleted explicitly rather than through
     * the foreign key's cascade, which SQLite honours only with {@code foreign_keys=ON} (seed-spec section 13.8).
     */
    public void delete(String requestedModel) {
        Transactions.write(database, "delete model", connection -> {
            Sql.queryOne(
                            connection,
                            "SELECT requested_model FROM model_mappings WHERE requested_model = ?"
                                    + Sql.forUpdate(database.type()),
                            List.of(requestedModel),
                            row -> row.getString(1))
                    .orElseThrow(() -> notFound(requestedModel));
            Sql.update(
                    connection,
                    "DELETE FROM model_mapping_providers WHERE requested_model = ?",
                    List.of(requestedModel));
            return Sql.update(
                    connection, "DELETE FROM model_mappings WHERE requested_model = ?", List.of(requestedModel));
        });
    }

    /** Every model, for the routing snapshot. */
    static List<Model> all(Connection connection) throws SQLException {
        return Sql.query(connection, SELECT, List.of(), ModelStore::read);
    }

    static StoreException notFound(String requestedModel) {
        return StoreException.notFound("model_not_found", "Model '" + requestedModel + "' not found");
    }

    private static ModelDetail detail(Connection connection, String requestedModel) throws SQLException {
        Model model = Sql.queryOne(
                        connection, SELECT + " WHERE requested_model = ?", List.of(requestedModel), ModelStore::read)
                .orElseThrow(() -> notFound(requestedModel));
        return new ModelDetail(model, MappingStore.forModel(connection, requestedModel));
    }

    private static Model read(ResultSet row) throws SQLException {
        String name = row.getString("requested_model");
        return new Model(
                name,
                row.getString("strategy"),
                Sql.json(row, "matching_rules", "model '" + name + "'"),
                Sql.json(row, "capabilities", "model '" + name + "'"),
                row.getBoolean("is_active"),
                Sql.instant(row, "created_at"),
                Sql.instant(row, "updated_at"),
                row.getInt("provider_count"));
    }
}
