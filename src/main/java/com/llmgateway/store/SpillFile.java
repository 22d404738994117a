package com.llmgateway.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rows the writer could not write while the database was unavailable: one {@link LogRow} as JSON per line, appended
 * at the end and read back from the front, in order. Confined to the writer's thread.
 *
 * <p>The file holds at most {@code maxBytes}; a row that does not fit is refused (the caller counts it as dropped).
 * Each append is forced to disk before it returns. Rows read back are only marked consumed after the caller committed
 * them; the file is deleted once every row in it is consumed. A crash in between leaves the file to be read again from
 * the start at the next run: the caller skips rows already stored (by trace id), so nothing is written twice.
 */
final class SpillFile {
    private static final ObjectWriter WRITER = Sql.JSON.writerFor(LogRow.class);
    // Rows spilled by another version may have more or fewer columns; what is known is kept.
    private static final ObjectReader READER =
            Sql.JSON.readerFor(LogRow.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final int NEWLINE = '\n';
    private static final int READ_BUFFER = 64 * 1024;

    /** Rows read back, the lines that no longer parse, and the file offset just after the last line read. */
    record Chunk(List<LogRow> rows, int unreadable, long end) {}

    private final Path path;
    private final long maxBytes;
    private long size;
    private long consumed;

    SpillFile(Path path, long maxBytes) {
        this.path = path;
        this.maxBytes = maxBytes;
    }

    Path path() {
        return path;
    }

    /**
     * Takes over a file left by an earlier run, dropping an unfinished last line (a crash in the middle of an append):
     * appending after it would glue the next row to it.
     */
    void recover() throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long complete = endOfLastLine(channel);
            if (complete < channel.size()) {
                channel.truncate(complete);
                channel.force(true);
            }
            size = complete;
        }
        consumed = 0;
        deleteIfConsumed();
    }

    boolean hasRows() {
        return consumed < size;
    }

    /** Bytes in the file not yet consumed. */
    long pendingBytes() {
        return size - consumed;
    }

    /** Appends, in order, each row that still fits under the size bound; returns how many were appended. */
    int append(List<LogRow> rows) throws IOException {
        ByteArrayOutputStream lines = new ByteArrayOutputStream();
        int appended = 0;
        for (LogRow row : rows) {
            byte[] line = WRITER.writeValueAsBytes(row);
            if (size + lines.size() + line.length + 1 <= maxBytes) {
                lines.write(line);
                lines.write(NEWLINE);
                appended++;
            }
        }
        if (appended > 0) {
            write(lines.toByteArray());
        }
        return appended;
    }

    private void write(byte[] bytes) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (FileChannel channel = FileChannel.open(
                path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            try {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(false);
            } catch (IOException e) {
                // A half-written line (disk full) would corrupt the next append: cut back to what was there.
                try {
                    channel.truncate(size);
                } catch (IOException truncate) {
                    e.addSuppressed(truncate);
                }
                throw e;
            }
        }
        size += bytes.length;
    }

    /** Up to {@code max} rows after the consumed ones. */
    Chunk read(int max) throws IOException {
        List<LogRow> rows = new ArrayList<>();
        int unreadable = 0;
        long offset = consumed;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            channel.position(consumed);
            InputStream in = new BufferedInputStream(Channels.newInputStream(channel), READ_BUFFER);
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            while (rows.size() < max && offset < size) {
                line.reset();
                offset += readLine(in, line);
                try {
                    rows.add(READER.readValue(line.toByteArray()));
                } catch (IOException e) {
                    unreadable++;
                }
            }
        }
        return new Chunk(rows, unreadable, offset);
    }

    /** The rows up to {@code end} are stored: they are not read again, and the file goes once all rows are. */
    void consumed(long end) throws IOException {
        consumed = end;
        deleteIfConsumed();
    }

    /**
     * Gives up on a file that cannot be read back: renames it aside (kept for an operator) and starts afresh. Returns
     * the new name, or empty if even the rename failed.
     */
    Optional<Path> setAside() {
        size = 0;
        consumed = 0;
        Path aside = path.resolveSibling(path.getFileName() + ".unreadable-" + System.currentTimeMillis());
        try {
            Files.move(path, aside);
            return Optional.of(aside);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private void deleteIfConsumed() throws IOException {
        if (consumed >= size) {
            Files.deleteIfExists(path);
            size = 0;
            consumed = 0;
        }
    }

    /** Reads one line without its newline into {@code line}; returns the bytes consumed, newline included. */
    private static long readLine(InputStream in, ByteArrayOutputStream line) throws IOException {
        long count = 0;
        for (int b = in.read(); b >= 0; b = in.read()) {
            count++;
            if (b == NEWLINE) {
                break;
            }
            line.write(b);
        }
        return count;
    }

    private static long endOfLastLine(FileChannel channel) throws IOException {
        long end = channel.size();
        ByteBuffer buffer = ByteBuffer.allocate(READ_BUFFER);
        while (end > 0) {
            int length = (int) Math.min(READ_BUFFER, end);
            buffer.clear().limit(length);
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, end - length + buffer.position()) < 0) {
                    throw new IOException("spill file shrank while it was read: " + channel);
                }
            }
            for (int i = length - 1; i >= 0; i--) {
                if (buffer.get(i) == NEWLINE) {
                    return end - length + i + 1;
                }
            }
            end -= length;
        }
        return 0;
    }
}
