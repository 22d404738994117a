package com.llmgateway.proxy;

import io.vertx.core.net.TrustOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Which certificate authorities the gateway trusts for TLS providers: the JVM's, plus those of {@code
 * UPSTREAM_CA_FILE} (PEM) for providers behind a company CA. Without that setting Vert.x keeps the JVM's defaults.
 */
final class UpstreamTrust {
    private UpstreamTrust() {}

    static Optional<TrustOptions> withExtraCas(Optional<Path> pemFile) {
        return pemFile.map(UpstreamTrust::load);
    }

    private static TrustOptions load(Path pemFile) {
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int index = 0;
            for (X509Certificate ca : jvmDefaultIssuers()) {
                store.setCertificateEntry("jvm-" + index++, ca);
            }
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            try (InputStream in = Files.newInputStream(pemFile)) {
                for (Certificate certificate : factory.generateCertificates(in)) {
                    store.setCertificateEntry("extra-" + index++, certificate);
                }
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            return TrustOptions.wrap(trust);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(
                    "Cannot read the CA certificates of UPSTREAM_CA_FILE " + pemFile + ": " + e.getMessage(), e);
        }
    }

    private static X509Certificate[] jvmDefaultIssuers() throws GeneralSecurityException {
        TrustManagerFactory defaults = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        defaults.init((KeyStore) null);
        for (TrustManager manager : defaults.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509.getAcceptedIssuers();
            }
        }
        return new X509Certificate[0];
    }
}
