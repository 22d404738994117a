package com.llmgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the console comes from: the jar's folder, or FRONTEND_DIST_DIR, or nowhere. */
class ConsoleBundleTest {
    @TempDir
    Path dir;

    @Test
    void theJarsFolderIsServedWhenNoDirectoryIsSet() throws IOException {
        Path jar = dir.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            entry(out, "console/", null);
            entry(out, "console/index.html", "<html>jar</html>");
            entry(out, "console/assets/", null);
            entry(out, "console/assets/a-1.js", "js");
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            ConsoleBundle bundle =
                    ConsoleBundle.locate(Optional.empty(), loader).orElseThrow();

            assertThat(text(bundle.read("index.html"))).isEqualTo("<html>jar</html>");
            assertThat(text(bundle.read("assets/a-1.js"))).isEqualTo("js");
            assertThat(bundle.read("assets")).isEmpty();
            assertThat(bundle.read("missing.js")).isEmpty();
        }
    }

    @Test
    void withoutABundleThereIsNoConsole() throws IOException {
        try (URLClassLoader empty = new URLClassLoader(new URL[0], null)) {
            assertThat(ConsoleBundle.locate(Optional.empty(), empty)).isEmpty();
        }
    }

    @Test
    void aDirectoryWithoutAnIndexServesNothingEvenWhenTheJarHasOne() throws IOException {
        Files.createDirectories(dir.resolve("console"));
        Files.writeString(dir.resolve("console/index.html"), "<html>classpath</html>");
        Path emptyDist = Files.createDirectories(dir.resolve("dist"));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            assertThat(ConsoleBundle.locate(Optional.of(emptyDist.toString()), loader))
                    .isEmpty();
            assertThat(ConsoleBundle.locate(Optional.empty(), loader)).isPresent();
        }
    }

    @Test
    void aDirectoryIsReadAfreshSoARebuildShowsOnReload() throws IOException {
        Files.writeString(dir.resolve("index.html"), "one");
        ConsoleBundle bundle = ConsoleBundle.locate(
                        Optional.of(dir.toString()), getClass().getClassLoader())
                .orElseThrow();
        assertThat(text(bundle.read("index.html"))).isEqualTo("one");

        Files.writeString(dir.resolve("index.html"), "two");

        assertThat(text(bundle.read("index.html"))).isEqualTo("two");
        assertThat(bundle.read("../index.html")).isEmpty();
    }

    private static String text(Optional<ConsoleFile> file) {
        return new String(file.orElseThrow().bytes(), StandardCharsets.UTF_8);
    }

    private static void entry(JarOutputStream out, String name, String text) throws IOException {
        out.putNextEntry(new JarEntry(name));
        if (text != null) {
            OutputStream stream = out;
            stream.write(text.getBytes(StandardCharsets.UTF_8));
        }
        out.closeEntry();
    }
}
