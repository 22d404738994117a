package com.llmgateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NearestRankTest {
    /** {@code histogram} is "value x count" pairs, ascending. */
    @ParameterizedTest(name = "p{1} of {0} = {2}")
    @CsvSource(delimiter = '|', textBlock = """
            7x1                     | 50  | 7
            7x1                     | 95  | 7
            1x1 2x1                 | 50  | 1
            1x1 2x1                 | 95  | 2
            1x1 2x1 3x1 4x1         | 50  | 2
            1x1 2x1 3x1 4x1         | 95  | 4
            1x1 2x1 3x1 4x1 5x1     | 50  | 3
            1x1 2x1 3x1 4x1 5x1     | 95  | 5
            10x95 1000x5            | 95  | 10
            10x94 1000x6            | 95  | 1000
            100x50 200x50           | 50  | 100
            100x50 200x51           | 50  | 200
            5x1000000               | 50  | 5
            """)
    void readsTheValueAtRankCeilingOfPTimesN(String histogram, int percent, long expected) {
        List<RequestLogStats.ValueCount> counts = Arrays.stream(histogram.split(" "))
                .map(pair -> pair.split("x"))
                .map(pair -> new RequestLogStats.ValueCount(Long.parseLong(pair[0]), Long.parseLong(pair[1])))
                .toList();

        assertThat(RequestLogStats.nearestRank(counts, percent)).isEqualTo(expected);
    }
}
