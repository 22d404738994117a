package com.llmgateway.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A plain-text table: columns as wide as their widest cell, text left-aligned, numbers right-aligned. */
final class Table {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... header) {
        this.header = List.of(header);
    }

    Table row(Object... cells) {
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(text(cell));
        }
        rows.add(row);
        return this;
    }

    void print(PrintStream out) {
        int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = header.get(i).length();
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        print(out, header, widths);
        rows.forEach(row -> print(out, row, widths));
    }

    private static void print(PrintStream out, List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder(" ");
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            String padding = " ".repeat(widths[i] - cell.length());
            line.append(' ').append(isNumber(cell) ? padding + cell : cell + padding);
        }
        out.println(line.toString().stripTrailing());
    }

    private static String text(Object cell) {
        if (cell instanceof Double value) {
            return String.format(Locale.ROOT, Math.abs(value) >= 100 ? "%.1f" : "%.3f", value);
        }
        return String.valueOf(cell);
    }

    private static boolean isNumber(String cell) {
        return cell.matches("[-+]?[0-9.]+");
    }
}
