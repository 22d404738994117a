package com.llmgateway.server;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import com.llmgateway.config.LogFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies {@code LOG_FORMAT} to the gateway's own log (logback, configured as text by {@code logback.xml}). With
 * {@code json} the console appender is replaced by one with logback's {@link JsonEncoder}: one JSON object per line
 * ({@code timestamp} in epoch milliseconds, {@code level}, {@code threadName}, {@code loggerName}, {@code mdc}, {@code
 * formattedMessage}, {@code throwable}), for log collectors. Levels stay as configured.
 */
final class LogOutput {
    private LogOutput() {}

    static void apply(LogFormat format) {
        if (format != LogFormat.JSON || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        JsonEncoder encoder = new JsonEncoder();
        encoder.setContext(context);
        // The message as a reader sees it, rather than its pattern and arguments apart; no logback bookkeeping.
        encoder.setWithFormattedMessage(true);
        encoder.setWithMessage(false);
        encoder.setWithArguments(false);
        encoder.setWithContext(false);
        encoder.setWithSequenceNumber(false);
        encoder.setWithNanoseconds(false);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("STDOUT_JSON");
        console.setEncoder(encoder);
        console.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.addAppender(console);
    }
}
