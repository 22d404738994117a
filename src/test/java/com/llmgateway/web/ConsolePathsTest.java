package com.llmgateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConsolePathsTest {
    @ParameterizedTest(name = "{0} reserved: {1}")
    @CsvSource({
        "/v1, true",
        "/v1/chat/completions, true",
        "/api, true",
        "/api/admin/nope, true",
        "/health, true",
        "/health/deep, true",
        "/metrics, true",
        "/metrics/x, true",
        "/, false",
        "/v1x, false",
        "/apis, false",
        "/healthz, false",
        "/providers, false",
        "/logs/detail, false",
        "/assets/index-abc.js, false",
    })
    void theGatewaysOwnPathsAreNeverTheConsoles(String path, boolean reserved) {
        assertThat(ConsolePaths.isReserved(path)).isEqualTo(reserved);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            nullValues = "NONE",
            value = {
                "/, index.html",
                "/providers, providers",
                "/models/detail, models/detail",
                "/assets/index-abc.js, assets/index-abc.js",
                "/favicon.svg, favicon.svg",
                "/assets/, NONE",
                "/a//b, NONE",
                "/.env, NONE",
                "/assets/.hidden, NONE",
                "/../etc/passwd, NONE",
                "/a/../b, NONE",
                "/a\\b, NONE",
                "relative, NONE",
            })
    void aPathNamesABundleFileOnlyWhenItIsSafe(String path, String file) {
        assertThat(ConsolePaths.file(path)).isEqualTo(Optional.ofNullable(file));
    }

    @ParameterizedTest(name = "{0} may be a file: {1}")
    @CsvSource({
        "favicon.svg, true",
        "robots.txt, true",
        "providers, false",
        "logs/detail, false",
        "models/v1.5, true",
    })
    void onlyNamesWithAnExtensionAreLookedUp(String file, boolean mayBeFile) {
        assertThat(ConsolePaths.mayBeFile(file)).isEqualTo(mayBeFile);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "assets/index-abc.js, 'public, max-age=31536000, immutable'",
        "index.html, no-cache",
        "favicon.svg, no-cache",
    })
    void hashedAssetsAreCachedForAYearAndTheRestRevalidated(String file, String cacheControl) {
        assertThat(ConsolePaths.cacheControl(file)).isEqualTo(cacheControl);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
        "index.html, text/html; charset=utf-8",
        "assets/a.js, text/javascript; charset=utf-8",
        "assets/a.CSS, text/css; charset=utf-8",
        "assets/font.woff2, font/woff2",
        "favicon.svg, image/svg+xml",
        "assets/blob, application/octet-stream",
        "assets.d/blob, application/octet-stream",
    })
    void contentTypesComeFromTheExtension(String file, String type) {
        assertThat(ConsoleFile.contentType(file)).isEqualTo(type);
    }
}
