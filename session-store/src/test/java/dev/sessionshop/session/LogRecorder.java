package dev.sessionshop.session;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects what the store logs through java.util.logging, to check levels and that no payload leaks. */
public final class LogRecorder extends Handler implements AutoCloseable {

    private final Logger logger = Logger.getLogger("dev.sessionshop.session");
    private final Level previousLevel = logger.getLevel();
    public final List<LogRecord> records = new CopyOnWriteArrayList<>();

    public LogRecorder() {
        logger.setLevel(Level.FINE);
        logger.addHandler(this);
    }

    public List<String> messages(Level level) {
        return records.stream().filter(r -> r.getLevel().equals(level))
                .map(r -> new java.util.logging.SimpleFormatter().formatMessage(r)).toList();
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previousLevel);
    }
}
