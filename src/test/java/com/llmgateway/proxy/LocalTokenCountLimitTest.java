package com.llmgateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Local token counts are bounded: one past the limit is refused, and a finished count frees its place. */
class LocalTokenCountLimitTest {
    @Test
    void onePastTheLimitIsRefusedUntilACountFinishes() {
        LocalTokenCount counts = new LocalTokenCount(2);

        assertThat(counts.tryAcquire()).isTrue();
        assertThat(counts.tryAcquire()).isTrue();
        assertThat(counts.tryAcquire()).isFalse();
        assertThat(counts.inFlight()).isEqualTo(2);

        counts.release();

        assertThat(counts.tryAcquire()).isTrue();
        assertThat(counts.tryAcquire()).isFalse();
    }
}
