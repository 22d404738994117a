package com.llmgateway.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the console's built files are: {@code FRONTEND_DIST_DIR} when it is set (a folder holding {@code
 * index.html}), else the {@value #CLASSPATH_FOLDER} folder the build puts into the jar. Reads block, so callers run
 * them on a worker thread.
 *
 * <p>Files from the jar never change while the gateway runs, so each is read once and kept (the whole bundle is a
 * few MiB at most, and only files that exist are kept). Files from a folder are read on every request, so a
 * developer rebuilding into it sees the new build on reload.
 */
public final class ConsoleBundle {
    /** The classpath folder of the built console (Maven copies Vite's output there). */
    public static final String CLASSPATH_FOLDER = "console";

    private static final Logger LOG = LoggerFactory.getLogger(ConsoleBundle.class);

    /** Reads one file by its path relative to the bundle root; empty when there is no such file. */
    private interface Source {
        Optional<byte[]> read(String file) throws IOException;
    }

    private final String description;
    private final Source source;
    private final Map<String, ConsoleFile> kept;

    private ConsoleBundle(String description, Source source, boolean keep) {
        this.description = description;
        this.source = source;
        this.kept = keep ? new ConcurrentHashMap<>() : null;
    }

    /**
     * The bundle to serve, or empty when there is none: {@code FRONTEND_DIST_DIR} wins when set (and is refused with a
     * warning when it holds no index.html), otherwise the jar's own folder if the build put one there.
     */
    public static Optional<ConsoleBundle> locate(Optional<String> distDir, ClassLoader loader) {
        if (distDir.isPresent()) {
            Path root = Path.of(distDir.get()).toAbsolutePath().normalize();
            if (!Files.isRegularFile(root.resolve(ConsolePaths.INDEX))) {
                LOG.warn("FRONTEND_DIST_DIR={} holds no {}: the console is not served", root, ConsolePaths.INDEX);
                return Optional.empty();
            }
            return Optional.of(new ConsoleBundle(root.toString(), file -> readFolder(root, file), false));
        }
        if (loader.getResource(CLASSPATH_FOLDER + "/" + ConsolePaths.INDEX) == null) {
            return Optional.empty();
        }
        return Optional.of(
                new ConsoleBundle("classpath:" + CLASSPATH_FOLDER, file -> readClasspath(loader, file), true));
    }

    /** Blocking: the file at {@code file} (relative, already checked by {@link ConsolePaths#file}). */
    Optional<ConsoleFile> read(String file) {
        if (kept != null) {
            ConsoleFile known = kept.get(file);
            if (known != null) {
                return Optional.of(known);
            }
        }
        try {
            Optional<ConsoleFile> found = source.read(file).map(bytes -> ConsoleFile.of(file, bytes));
            if (kept != null) {
                found.ifPresent(loaded -> kept.put(file, loaded));
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read console file " + file, e);
        }
    }

    @Override
    public String toString() {
        return description;
    }

    private static Optional<byte[]> readFolder(Path root, String file) throws IOException {
        Path path = root.resolve(file).normalize();
        if (!path.startsWith(root) || !Files.isRegularFile(path)) {
            return Optional.empty();
        }
        // A symbolic link inside the folder must not lead out of it.
        if (!path.toRealPath().startsWith(root.toRealPath())) {
            return Optional.empty();
        }
        return Optional.of(Files.readAllBytes(path));
    }

    private static Optional<byte[]> readClasspath(ClassLoader loader, String file) throws IOException {
        URL url = loader.getResource(CLASSPATH_FOLDER + "/" + file);
        if (url == null || isDirectory(url)) {
            return Optional.empty();
        }
        URLConnection connection = url.openConnection();
        connection.setUseCaches(false);
        try (InputStream in = connection.getInputStream()) {
            return Optional.of(in.readAllBytes());
        }
    }

    /** A folder on the classpath is not a file (a jar or a directory would answer it with a listing or nothing). */
    private static boolean isDirectory(URL url) throws IOException {
        if ("file".equals(url.getProtocol())) {
            try {
                return !Files.isRegularFile(Path.of(url.toURI()));
            } catch (URISyntaxException | IllegalArgumentException e) {
                return true;
            }
        }
        URLConnection connection = url.openConnection();
        return connection instanceof JarURLConnection jar && jar.getJarEntry().isDirectory();
    }
}
