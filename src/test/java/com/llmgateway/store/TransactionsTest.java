package com.llmgateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.llmgateway.security.GatewayKeys;
import com.llmgateway.security.SecretCipher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TransactionsTest {
    /**
     * Admin writes read before they write; with deferred SQLite transactions a concurrent writer (the log writer, key
     * usage updates) would make them fail with SQLITE_BUSY. Immediate transactions wait for the lock instead.
     */
    @ParameterizedTest
    @MethodSource("com.llmgateway.store.TestDatabases#all")
    void concurrentReadThenWriteTransactionsAllSucceed(Supplier<Database> databases) throws Exception {
        try (Database database = databases.get()) {
            ApiKeyStore keys = new ApiKeyStore(database, new GatewayKeys("lgw-", 32));
            ModelStore models = new ModelStore(database);
            long key = keys.create("busy").key().id();
            long provider = ModelAndMappingStoreTest.provider(database, "p");
            ProviderStore providers = new ProviderStore(database, SecretCipher.fromSecret("k"));
            ExecutorService pool = Executors.newFixedThreadPool(6);
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int i = 0; i < 30; i++) {
                    String name = "m" + i;
                    long now = i;
                    work.add(pool.submit(() -> {
                        models.create(ModelAndMappingStoreTest.model(name));
                        new MappingStore(database).create(ModelAndMappingStoreTest.mapping(name, provider, 0));
                    }));
                    work.add(pool.submit(() -> keys.touchLastUsed(Map.of(key, now))));
                    work.add(pool.submit(() -> providers.get(provider)));
                }
                for (Future<?> future : work) {
                    future.get();
                }
            } finally {
                pool.shutdownNow();
            }

            assertThat(new SnapshotLoader(database, SecretCipher.fromSecret("k"))
                            .load()
                            .models())
                    .hasSize(30);
        }
    }
}
