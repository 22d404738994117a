package com.llmgateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GatewayKeysTest {
    @ParameterizedTest(name = "prefix {0}, {1} hex characters")
    @CsvSource({"lgw-, 32", "lgw-, 16", "sk-gw_, 17", "lgw-, 128"})
    void generatesThePrefixAndTheConfiguredNumberOfHexCharacters(String prefix, int length) {
        String key = new GatewayKeys(prefix, length).generate();

        assertThat(key).startsWith(prefix).hasSize(prefix.length() + length);
        assertThat(key.substring(prefix.length())).matches("[0-9a-f]+");
    }

    @Test
    void defaultKeysAre36CharactersAndNeverRepeat() {
        GatewayKeys keys = new GatewayKeys("lgw-", 32);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String key = keys.generate();
            assertThat(key).hasSize(36);
            assertThat(seen.add(key)).isTrue();
        }
    }

    @ParameterizedTest
    @CsvSource({
        "'', e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "abc, ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    })
    void hashesWithSha256AsLowerCaseHex(String value, String expected) {
        assertThat(GatewayKeys.sha256Hex(value)).isEqualTo(expected);
    }

    @Test
    void masksLikeTheOriginalList() {
        assertThat(GatewayKeys.mask("lgw-0123456789abcdef0123456789abcd9f")).isEqualTo("lgw-***...***9f");
    }
}
