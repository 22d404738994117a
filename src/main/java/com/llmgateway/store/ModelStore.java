package com.llmgateway.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code model_mappings}: keyed by the model name clients send; deleting one deletes its mappings too. */
public final class ModelStore {
    private static final String SELECT = "SELECT requested_model, strategy, matching_rules, capabilities, is_active,"
            + " created_at, updated_at, input_price, output_price, error_policy, timeouts, (SELECT COUNT(*) FROM model_mapping_providers m"
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
        return Transactions.configWrite(database, "create model", connection -> {
            try {
                insert(connection, draft, now, "");
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
                .setDecimalIfChanged("input_price", patch.inputPrice())
                .setDecimalIfChanged("output_price", patch.outputPrice())
                .setIfChanged("error_policy", patch.errorPolicy(), Sql::jsonText)
                .setIfChanged("timeouts", patch.timeouts(), Sql::jsonText)
                .set("updated_at", Instant.now().toEpochMilli());
        return Transactions.configWrite(database, "update model", connection -> {
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
        Transactions.configWrite(database, "delete model", connection -> {
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

    /** Every model with all its mappings, ordered by name, read in one transaction: the export. */
    public List<ModelDetail> exportAll() {
        return Transactions.read(database, "export models", connection -> {
            Map<String, List<Mapping>> mappings = new HashMap<>();
            for (Mapping mapping : MappingStore.all(connection)) {
                mappings.computeIfAbsent(mapping.requestedModel(), name -> new ArrayList<>())
                        .add(mapping);
            }
            String order = " ORDER BY " + Sql.byCodePoint(database.type(), "requested_model");
            return Sql.query(connection, SELECT + order, List.of(), ModelStore::read).stream()
                    .map(model -> new ModelDetail(model, mappings.getOrDefault(model.requestedModel(), List.of())))
                    .toList();
        });
    }

    /**
     * Creates the models that do not exist yet, with their mappings, all in one transaction: an import is applied
     * whole or not at all. A model whose name exists (in the database, or earlier in the same list) is skipped as it is,
     * its mappings untouched. A mapping naming a provider that does not exist, or the same provider twice, is left out
     * and reported in {@link ImportResult#errors()}; the model is still created.
     */
    public ImportResult importAll(List<ModelImport> models) {
        long now = Instant.now().toEpochMilli();
        return Transactions.configWrite(database, "import models", connection -> {
            int created = 0;
            List<String> errors = new ArrayList<>();
            for (ModelImport model : models) {
                // ON CONFLICT DO NOTHING rather than a check first: a concurrent create cannot fail the import.
                if (insert(connection, model.model(), now, " ON CONFLICT (requested_model) DO NOTHING") == 0) {
                    continue;
                }
                created++;
                importMappings(connection, model, now, errors);
            }
            return new ImportResult(created, models.size() - created, errors);
        });
    }

    private void importMappings(Connection connection, ModelImport model, long now, List<String> errors)
            throws SQLException {
        String name = model.model().requestedModel();
        Set<Long> mapped = new HashSet<>();
        for (ModelImport.MappingItem item : model.mappings()) {
            Optional<Long> providerId = providerId(connection, item.providerName());
            if (providerId.isEmpty()) {
                errors.add(
                        "Model '" + name + "': provider '" + item.providerName() + "' does not exist; mapping skipped");
            } else if (!mapped.add(providerId.get())) {
                errors.add("Model '" + name + "': provider '" + item.providerName()
                        + "' is listed more than once; later mapping skipped");
            } else {
                MappingStore.insert(connection, item.toDraft(name, providerId.get()), now);
            }
        }
    }

    private Optional<Long> providerId(Connection connection, String providerName) throws SQLException {
        // The shared lock keeps the provider from being deleted before the import commits (PostgreSQL).
        return Sql.queryOne(
                connection,
                "SELECT id FROM service_providers WHERE name = ?" + Sql.forShare(database.type()),
                List.of(providerName),
                row -> row.getLong(1));
    }

    /** The number of rows inserted: 0 when {@code onConflict} skipped an existing name. */
    private static int insert(Connection connection, Model.Draft draft, long now, String onConflict)
            throws SQLException {
        return Sql.update(
                connection,
                "INSERT INTO model_mappings (requested_model, strategy, matching_rules, capabilities, is_active,"
                        + " input_price, output_price, error_policy, timeouts, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + onConflict,
                Arrays.asList(
                        draft.requestedModel(),
                        draft.strategy(),
                        draft.matchingRules().map(Sql::jsonText).orElse(null),
                        draft.capabilities().map(Sql::jsonText).orElse(null),
                        draft.active(),
                        Sql.decimal(draft.inputPrice()),
                        Sql.decimal(draft.outputPrice()),
                        draft.errorPolicy().map(Sql::jsonText).orElse(null),
                        draft.timeouts().map(Sql::jsonText).orElse(null),
                        now,
                        now));
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
                row.getInt("provider_count"),
                Sql.decimal(row, "input_price"),
                Sql.decimal(row, "output_price"),
                Sql.json(row, "error_policy", "model '" + name + "'"),
                Sql.json(row, "timeouts", "model '" + name + "'"));
    }
}
