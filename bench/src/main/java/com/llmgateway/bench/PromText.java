package com.llmgateway.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Samples of a Prometheus text exposition ({@code name{label="value",...} number}), enough to sum the gateway's
 * counters by label. Comment lines are skipped; label values are unescaped ({@code \"}, {@code \\}, {@code \n}).
 */
record PromText(List<Sample> samples) {

    /** One line: metric name, labels, value. */
    record Sample(String name, Map<String, String> labels, double value) {
        String label(String name) {
            return labels.getOrDefault(name, "");
        }
    }

    static PromText parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            samples.add(sample(line.strip()));
        }
        return new PromText(List.copyOf(samples));
    }

    /** The sum of {@code name}'s samples whose labels {@code match}. */
    double sum(String name, Predicate<Sample> match) {
        return samples.stream()
                .filter(sample -> sample.name().equals(name))
                .filter(match)
                .mapToDouble(Sample::value)
                .sum();
    }

    private static Sample sample(String line) {
        int brace = line.indexOf('{');
        int space = line.lastIndexOf(' ');
        Map<String, String> labels = new LinkedHashMap<>();
        String name;
        if (brace >= 0 && brace < space) {
            name = line.substring(0, brace);
            int i = brace + 1;
            while (i < line.length() && line.charAt(i) != '}') {
                int equals = line.indexOf('=', i);
                String label = line.substring(i, equals).strip();
                StringBuilder value = new StringBuilder();
                int j = equals + 2; // past ="
                while (line.charAt(j) != '"') {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char next = line.charAt(++j);
                        value.append(next == 'n' ? '\n' : next);
                    } else {
                        value.append(c);
                    }
                    j++;
                }
                labels.put(label, value.toString());
                i = j + 1;
                if (i < line.length() && line.charAt(i) == ',') {
                    i++;
                }
            }
        } else {
            name = line.substring(0, space);
        }
        return new Sample(name, labels, number(line.substring(space + 1).strip()));
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }
}
