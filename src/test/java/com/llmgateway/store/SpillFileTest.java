package com.llmgateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.llmgateway.usage.Accounting;
import com.llmgateway.usage.Cost;
import com.llmgateway.usage.PriceSource;
import com.llmgateway.usage.TokenUsage;
import com.llmgateway.usage.UsageSource;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpillFileTest {
    @TempDir
    Path dir;

    static LogRow row(String traceId) {
        Accounting accounting = new Accounting(
                new TokenUsage(10L, 20L, null, null, 5L),
                UsageSource.ESTIMATE,
                new Cost(new BigDecimal("0.0001"), new BigDecimal("1E-10"), null, PriceSource.MODEL_FALLBACK));
        return LogRows.from(
                TestRecords.chat().with(r -> r.traceId = traceId).build(), accounting, LogRowsTest.SETTINGS);
    }

    static List<LogRow> rows(int count) {
        return IntStream.range(0, count).mapToObj(i -> row("trace-" + i)).toList();
    }

    @Test
    void readsBackWhatWasAppendedInOrderAndUnchanged() throws IOException {
        SpillFile spill = new SpillFile(dir.resolve("sub/spill.jsonl"), 1 << 20);
        List<LogRow> rows = rows(5);

        assertThat(spill.append(rows.subList(0, 2))).isEqualTo(2);
        assertThat(spill.append(rows.subList(2, 5))).isEqualTo(3);
        SpillFile.Chunk first = spill.read(3);
        spill.consumed(first.end());
        SpillFile.Chunk second = spill.read(3);

        assertThat(first.rows()).containsExactlyElementsOf(rows.subList(0, 3));
        assertThat(second.rows()).containsExactlyElementsOf(rows.subList(3, 5));
        assertThat(Files.readAllLines(spill.path())).hasSize(5);
    }

    @Test
    void deletesTheFileOnceEveryRowIsConsumed() throws IOException {
        SpillFile spill = new SpillFile(dir.resolve("spill.jsonl"), 1 << 20);
        spill.append(rows(2));

        SpillFile.Chunk chunk = spill.read(10);
        assertThat(spill.hasRows()).isTrue();
        spill.consumed(chunk.end());

        assertThat(spill.hasRows()).isFalse();
        assertThat(spill.path()).doesNotExist();
    }

    @Test
    void refusesRowsBeyondItsSizeBound() throws IOException {
        int lineBytes = Sql.JSON.writeValueAsBytes(row("trace-0")).length + 1;
        SpillFile spill = new SpillFile(dir.resolve("spill.jsonl"), 2L * lineBytes + lineBytes / 2);

        assertThat(spill.append(rows(5))).isEqualTo(2);
        assertThat(spill.append(rows(1))).isZero();
        assertThat(Files.size(spill.path())).isLessThanOrEqualTo(2L * lineBytes + lineBytes / 2);
    }

    @Test
    void takesOverAFileOfAnEarlierRunWithoutItsUnfinishedLastLine() throws IOException {
        Path path = dir.resolve("spill.jsonl");
        SpillFile earlier = new SpillFile(path, 1 << 20);
        earlier.append(rows(2));
        Files.writeString(path, "{\"requestTime\":1,\"traceId\":\"cut-sh", StandardOpenOption.APPEND);

        SpillFile spill = new SpillFile(path, 1 << 20);
        spill.recover();
        spill.append(List.of(row("after")));

        assertThat(spill.read(10).rows()).extracting(LogRow::traceId).containsExactly("trace-0", "trace-1", "after");
    }

    @Test
    void skipsAndCountsLinesThatNoLongerParse() throws IOException {
        Path path = dir.resolve("spill.jsonl");
        SpillFile earlier = new SpillFile(path, 1 << 20);
        earlier.append(rows(1));
        Files.writeString(path, "not json\n", StandardOpenOption.APPEND);
        earlier.append(List.of(row("last")));

        SpillFile spill = new SpillFile(path, 1 << 20);
        spill.recover();
        SpillFile.Chunk chunk = spill.read(10);

        assertThat(chunk.rows()).extracting(LogRow::traceId).containsExactly("trace-0", "last");
        assertThat(chunk.unreadable()).isEqualTo(1);
        assertThat(chunk.end()).isEqualTo(Files.size(path));
    }

    @Test
    void readsRowsWrittenWithColumnsItDoesNotKnow() throws IOException {
        Path path = dir.resolve("spill.jsonl");
        String line = Sql.JSON.writeValueAsString(row("future")).replaceFirst("\\{", "{\"aColumnFromLater\":7,");
        Files.writeString(path, line + "\n", StandardCharsets.UTF_8);

        SpillFile spill = new SpillFile(path, 1 << 20);
        spill.recover();

        assertThat(spill.read(10).rows()).containsExactly(row("future"));
    }

    @Test
    void anEmptyOrMissingFileHasNoRows() throws IOException {
        SpillFile missing = new SpillFile(dir.resolve("none.jsonl"), 1 << 20);
        missing.recover();
        Files.writeString(dir.resolve("empty.jsonl"), "");
        SpillFile empty = new SpillFile(dir.resolve("empty.jsonl"), 1 << 20);
        empty.recover();

        assertThat(missing.hasRows()).isFalse();
        assertThat(empty.hasRows()).isFalse();
        assertThat(dir.resolve("empty.jsonl")).doesNotExist();
    }
}
