package com.llmgateway.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.llmgateway.protocol.Protocol;
import com.llmgateway.routing.SnapshotHolder;
import com.llmgateway.testing.Routing;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LabelsTest {
    private final SnapshotHolder snapshots = new SnapshotHolder();
    private final Labels labels = new Labels(snapshots);

    LabelsTest() {
        snapshots.set(Routing.builder()
                .provider(1, "http://a.test/v1", Protocol.OPENAI)
                .map("gpt", 1, "gpt-target", 0)
                .model("disabled", false)
                .build());
    }

    @ParameterizedTest(name = "model {0} -> {1}")
    @CsvSource({"gpt, gpt", "disabled, disabled", "gpt-target, unknown", "GPT, unknown", "'', unknown"})
    void modelsAreLabelledOnlyWithConfiguredNames(String requested, String label) {
        assertThat(labels.model(requested)).isEqualTo(label);
    }

    @ParameterizedTest(name = "provider {0} -> {1}")
    @CsvSource({"provider-1, provider-1", "provider-2, unknown", "'', unknown"})
    void providersAreLabelledOnlyWithConfiguredNames(String name, String label) {
        assertThat(labels.provider(name)).isEqualTo(label);
    }

    @Test
    void nullIsUnknown() {
        assertThat(labels.model(null)).isEqualTo(Labels.UNKNOWN);
        assertThat(labels.provider(null)).isEqualTo(Labels.UNKNOWN);
    }

    @Test
    void aSnapshotChangeIsSeenAtOnce() {
        assertThat(labels.provider("provider-2")).isEqualTo(Labels.UNKNOWN);

        snapshots.set(Routing.builder()
                .provider(2, "http://b.test/v1", Protocol.OPENAI)
                .map("new-model", 2, "t", 0)
                .build());

        assertThat(labels.provider("provider-2")).isEqualTo("provider-2");
        assertThat(labels.provider("provider-1")).isEqualTo(Labels.UNKNOWN);
        assertThat(labels.model("new-model")).isEqualTo("new-model");
        assertThat(labels.model("gpt")).isEqualTo(Labels.UNKNOWN);
    }

    @Test
    void aLabelTakesAtMostMaxValuesThenOther() {
        Routing routing = Routing.builder().provider(1, "http://a.test/v1", Protocol.OPENAI);
        int configured = Labels.MAX_VALUES + 50;
        for (int i = 0; i < configured; i++) {
            routing.map("m" + i, 1, "t", 0);
        }
        snapshots.set(routing.build());

        Set<String> seen = new HashSet<>();
        for (int i = 0; i < configured; i++) {
            seen.add(labels.model("m" + i));
        }

        assertThat(seen).hasSize(Labels.MAX_VALUES + 1).contains(Labels.OTHER);
        assertThat(labels.model("m0")).isEqualTo("m0");
        assertThat(labels.model("m" + (configured - 1))).isEqualTo(Labels.OTHER);
    }
}
