package com.llmgateway.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP/1.1 over a bare socket, for tests that must send headers other clients refuse ({@code connection}, {@code
 * upgrade}, {@code te}) or see response header lines exactly as the server wrote them.
 */
public final class RawHttp {
    private static final int READ_TIMEOUT_MS = 20_000;

    private RawHttp() {}

    /** A response as it came off the wire: every header line in order, and the de-framed body. */
    public record Response(int status, List<Map.Entry<String, String>> headers, byte[] body) {
        /** Every value of header {@code name} (case-insensitive), one per header line. */
        public List<String> all(String name) {
            return headers.stream()
                    .filter(h -> h.getKey().equalsIgnoreCase(name))
                    .map(Map.Entry::getValue)
                    .toList();
        }

        public Optional<String> first(String name) {
            return all(name).stream().findFirst();
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** POSTs {@code body} with exactly {@code headers} plus {@code host} and {@code content-length}. */
    public static Response post(int port, String path, List<Map.Entry<String, String>> headers, byte[] body) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(READ_TIMEOUT_MS);
            StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\n")
                    .append("host: 127.0.0.1:")
                    .append(port)
                    .append("\r\n")
                    .append("content-length: ")
                    .append(body.length)
                    .append("\r\n");
            for (Map.Entry<String, String> header : headers) {
                head.append(header.getKey())
                        .append(": ")
                        .append(header.getValue())
                        .append("\r\n");
            }
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Response read(InputStream in) throws IOException {
        String statusLine = line(in);
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.add(Map.entry(
                    line.substring(0, colon), line.substring(colon + 1).strip()));
        }
        Response framing = new Response(status, headers, new byte[0]);
        byte[] body;
        if (framing.all("transfer-encoding").stream()
                .anyMatch(v -> v.toLowerCase(Locale.ROOT).contains("chunked"))) {
            body = chunked(in);
        } else if (framing.first("content-length").isPresent()) {
            body = in.readNBytes(
                    Integer.parseInt(framing.first("content-length").get()));
        } else {
            body = in.readAllBytes();
        }
        return new Response(status, List.copyOf(headers), body);
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = line(in);
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).strip(), 16);
            if (size == 0) {
                // Trailer section, ended by an empty line.
                while (!line(in).isEmpty()) {}
                return body.toByteArray();
            }
            body.write(in.readNBytes(size));
            line(in);
        }
    }

    /** One CRLF-terminated line, without the CRLF. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed mid-line: " + line.toString(StandardCharsets.ISO_8859_1));
            }
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            previous = b;
        }
    }
}
