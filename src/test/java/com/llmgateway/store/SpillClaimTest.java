package com.llmgateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpillClaimTest {
    @TempDir
    Path dir;

    /** Two writers in one folder (two instances on PostgreSQL started in one directory) never share a spill file. */
    @Test
    void writersSharingAFolderTakeTheirOwnSpillFileAndFreeItWhenTheyStop() {
        Path preferred = dir.resolve("data/request-logs.log-spill.jsonl");
        try (SpillClaim first = SpillClaim.claim(preferred);
                SpillClaim second = SpillClaim.claim(preferred)) {
            assertThat(first.path()).isEqualTo(preferred);
            assertThat(second.path()).isEqualTo(dir.resolve("data/request-logs.log-spill-2.jsonl"));

            first.close();
            try (SpillClaim restarted = SpillClaim.claim(preferred)) {
                assertThat(restarted.path()).as("the freed slot is taken again").isEqualTo(preferred);
            }
        }
    }

    @Test
    void namesWithoutTheUsualEndingGetANumberAppended() {
        assertThat(SpillClaim.slot(Path.of("/d/spill"), 3)).isEqualTo(Path.of("/d/spill-3"));
        assertThat(SpillClaim.slot(Path.of("/d/g.db.log-spill.jsonl"), 1))
                .isEqualTo(Path.of("/d/g.db.log-spill.jsonl"));
    }
}
