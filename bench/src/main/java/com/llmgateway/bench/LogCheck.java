package com.llmgateway.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.sqlite.SQLiteConfig;

/**
 * Did every request reach the log? Counts the rows of the gateway's {@code request_logs} (a read-only SQLite
 * connection beside the gateway's own) until they match the requests the gateway answered or stop growing.
 */
final class LogCheck {
    /** With no row at all after this long, the gateway has no request log writer. */
    static final Duration ABSENT_AFTER = Duration.ofSeconds(5);

    private static final Duration POLL = Duration.ofMillis(500);

    private LogCheck() {}

    static Results.LogRow check(String databasePath, long answered, long transportFailures, Duration drain)
            throws InterruptedException {
        long started = System.nanoTime();
        long rows = count(databasePath);
        while (rows < answered) {
            Duration waited = Duration.ofNanos(System.nanoTime() - started);
            if (waited.compareTo(drain) >= 0 || (rows == 0 && waited.compareTo(ABSENT_AFTER) >= 0)) {
                break;
            }
            Thread.sleep(POLL); // a sampling interval: the writer drains on its own schedule
            rows = count(databasePath);
        }
        long missing = Math.max(0, answered - rows);
        String verdict = rows == 0 && answered > 0
                ? Results.LogRow.ABSENT
                : missing == 0 ? "every answered request has a row" : missing + " rows missing";
        return new Results.LogRow(answered, transportFailures, rows, missing, verdict);
    }

    private static long count(String databasePath) {
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(5_000);
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + databasePath, config.toProperties());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT COUNT(*) FROM request_logs")) {
            return result.next() ? result.getLong(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException("could not count request_logs in " + databasePath + ": " + e, e);
        }
    }
}
