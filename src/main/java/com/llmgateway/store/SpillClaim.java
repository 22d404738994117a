package com.llmgateway.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The spill file one log writer may use, held for the writer's lifetime. Several gateway instances may share a data
 * folder (on PostgreSQL every instance started in the same working directory does): each must append to and replay
 * only its own file, or one would delete rows another is still appending. The first free one of {@code name}, {@code
 * name-2}, {@code name-3}, ... is taken, each guarded by an operating-system lock on a sibling {@code .lock} file,
 * which the system releases when the process ends however it ends, so a restarted instance takes its slot again and
 * replays what it left there.
 */
final class SpillClaim implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SpillClaim.class);

    /** More instances than this in one folder share the last slot's name unlocked (and are warned). */
    static final int MAX_SLOTS = 64;

    private final Path path;
    private final Optional<FileChannel> lockFile;

    private SpillClaim(Path path, Optional<FileChannel> lockFile) {
        this.path = path;
        this.lockFile = lockFile;
    }

    static SpillClaim claim(Path preferred) {
        try {
            Path parent = preferred.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            for (int slot = 1; slot <= MAX_SLOTS; slot++) {
                Path candidate = slot(preferred, slot);
                Optional<FileChannel> locked = tryLock(candidate);
                if (locked.isPresent()) {
                    return new SpillClaim(candidate, locked);
                }
            }
            LOG.warn("All {} spill files beside {} are in use; sharing it unlocked", MAX_SLOTS, preferred);
        } catch (IOException e) {
            LOG.warn("Cannot lock the spill file {} ({}); using it unlocked", preferred, e.getMessage());
        }
        return new SpillClaim(preferred, Optional.empty());
    }

    /** {@code x.log-spill.jsonl}, then {@code x.log-spill-2.jsonl}, ... */
    static Path slot(Path preferred, int slot) {
        if (slot == 1) {
            return preferred;
        }
        String name = preferred.getFileName().toString();
        String renamed = name.endsWith(".jsonl")
                ? name.substring(0, name.length() - ".jsonl".length()) + "-" + slot + ".jsonl"
                : name + "-" + slot;
        return preferred.resolveSibling(renamed);
    }

    private static Optional<FileChannel> tryLock(Path spill) throws IOException {
        Path lockPath = spill.resolveSibling(spill.getFileName() + ".lock");
        FileChannel channel = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            FileLock lock = channel.tryLock();
            if (lock != null) {
                return Optional.of(channel);
            }
        } catch (OverlappingFileLockException e) {
            // Held by another writer in this JVM (tests start several gateways in one process).
        }
        channel.close();
        return Optional.empty();
    }

    Path path() {
        return path;
    }

    /** Releases the slot (closing the channel releases its lock). The lock file stays: deleting it would be racy. */
    @Override
    public void close() {
        lockFile.ifPresent(channel -> {
            try {
                channel.close();
            } catch (IOException e) {
                LOG.debug("Releasing the spill file lock failed: {}", e.getMessage());
            }
        });
    }
}
