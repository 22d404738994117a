package com.llmgateway.admin;

import com.llmgateway.protocol.Protocol;
import com.llmgateway.routing.Strategies;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The rules of the admin API's fields, in one place: lengths from the schema, formats from the spec. */
final class Fields {
    // Lengths are the column sizes of the schema (seed-spec section 3).
    static final TextRule NAME = TextRule.length(1, 100);
    static final TextRule MODEL_NAME = TextRule.length(1, 100);
    static final TextRule API_TYPE = TextRule.length(1, 50);
    static final TextRule BASE_URL = TextRule.length(1, 500).withFormat(Fields::urlProblem);
    static final TextRule PROTOCOL = TextRule.length(1, 50).withFormat(Fields::protocolProblem);
    /** Provider keys are sent as header values, so they get the same limits. */
    static final TextRule API_KEY = TextRule.length(1, 4096);
    /** The selection strategies the routing package knows ({@link Strategies#NAMES}). */
    static final TextRule STRATEGY = TextRule.length(1, 50).withFormat(Fields::strategyProblem);

    static final TextRule KEY_NAME = TextRule.length(1, 100).withFormat(Fields::keyNameProblem);
    static final TextRule CREDENTIAL = TextRule.length(1, 1024);

    static final String DEFAULT_STRATEGY = Strategies.DEFAULT;
    /** An upper bound keeps weight sums far from overflow in weighted selection. */
    static final int MAX_WEIGHT = 1_000_000;

    /** Prices are USD per million tokens, stored as {@code NUMERIC(12, 4)}. */
    static final int PRICE_SCALE = 4;

    static final BigDecimal MAX_PRICE = new BigDecimal("99999999.9999");

    static final int MAX_EXTRA_HEADERS = 50;
    static final int MAX_HEADER_VALUE = 4096;

    /** RFC 9110 token characters. */
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");
    /** Letters, digits, underscore, hyphen, space and CJK scripts, as the original console allowed. */
    private static final Pattern KEY_NAME_CHARS =
            Pattern.compile("[A-Za-z0-9_\\- \\p{IsHan}\\p{IsHiragana}\\p{IsKatakana}\\p{IsHangul}]+");

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._~%-]+|\\[[0-9A-Fa-f:.]+]");

    private Fields() {}

    static Optional<String> urlProblem(String value) {
        String problem = "must be an absolute http(s) URL with a host, e.g. https://api.openai.com/v1";
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean web = scheme.equals("http") || scheme.equals("https");
            return web && !uri.isOpaque() && hasHost(uri) ? Optional.empty() : Optional.of(problem);
        } catch (URISyntaxException e) {
            return Optional.of(problem);
        }
    }

    /**
     * {@link URI#getHost()} is null for names with underscores (Docker service names such as {@code my_llm}), so the
     * authority is checked by hand: an optional user, a host, an optional port up to 65535.
     */
    private static boolean hasHost(URI uri) {
        String authority = uri.getRawAuthority();
        if (authority == null) {
            return false;
        }
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        int colon = hostPort.lastIndexOf(':');
        String host = hostPort;
        if (colon >= 0 && !hostPort.endsWith("]")) {
            String port = hostPort.substring(colon + 1);
            if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65_535) {
                return false;
            }
            host = hostPort.substring(0, colon);
        }
        return HOST.matcher(host).matches();
    }

    private static Optional<String> protocolProblem(String value) {
        // Exact wire names only, as the original's regex: "OpenAI" is refused rather than silently lower-cased.
        boolean known = Protocol.fromWireName(value)
                .filter(protocol -> protocol.wireName().equals(value))
                .isPresent();
        return known ? Optional.empty() : Optional.of("must be one of openai, anthropic");
    }

    private static Optional<String> strategyProblem(String value) {
        return Strategies.isKnown(value)
                ? Optional.empty()
                : Optional.of("must be one of " + String.join(", ", Strategies.NAMES));
    }

    private static Optional<String> keyNameProblem(String value) {
        return KEY_NAME_CHARS.matcher(value).matches()
                ? Optional.empty()
                : Optional.of("may contain only letters, digits, '_', '-', spaces and CJK characters");
    }

    /** Checked exactly, not rounded: a price with more decimals than the column keeps is refused, not changed. */
    static Optional<String> priceProblem(BigDecimal price) {
        if (price.signum() < 0) {
            return Optional.of("must be at least 0");
        }
        if (price.compareTo(MAX_PRICE) > 0) {
            return Optional.of("must be at most " + MAX_PRICE.toPlainString());
        }
        if (price.stripTrailingZeros().scale() > PRICE_SCALE) {
            return Optional.of("must have at most " + PRICE_SCALE + " decimal places");
        }
        return Optional.empty();
    }

    /** The shortest plain form: {@code 2.50} becomes {@code 2.5}, {@code 1E+2} becomes {@code 100}. */
    static BigDecimal plain(BigDecimal price) {
        BigDecimal stripped = price.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    static Optional<String> headerNameProblem(String name) {
        return HEADER_NAME.matcher(name).matches()
                ? Optional.empty()
                : Optional.of(quote(name) + " is not a valid header name");
    }

    /** Header values travel upstream as they are: CR or LF would split the request (header injection). */
    static Optional<String> headerValueProblem(String name, String value) {
        if (value.length() > MAX_HEADER_VALUE) {
            return Optional.of("the value of " + quote(name) + " must be at most " + MAX_HEADER_VALUE + " characters");
        }
        boolean control = value.chars().anyMatch(c -> c != '\t' && (c < 0x20 || c == 0x7f));
        return control
                ? Optional.of("the value of " + quote(name) + " must not contain CR, LF or other control characters")
                : Optional.empty();
    }

    /** Echoes a client's text in a message, cut short: it may be hostile and huge. */
    static String quote(String text) {
        int max = 60;
        return "'" + (text.length() <= max ? text : text.substring(0, max) + "...") + "'";
    }
}
