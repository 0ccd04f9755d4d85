package dev.sessionshop.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Runs every shopper in a thread of its own, each sending one request after the other (a closed loop:
 * the concurrency is the number of shoppers) for a fixed time, and measures: latency of every request
 * (HdrHistogram, microseconds), successes and failures per {@value #BUCKET_MILLIS} ms of the phase, and
 * the reasons of the failures. An optional event (the failover's SIGKILL) runs at a fixed offset; the
 * phase then also measures how long it took until every shopper was served again. An event that takes as
 * long as it takes (starting an instance again) can instead end the phase: {@link #runAround}.
 */
final class LoadPhase {

    static final int BUCKET_MILLIS = 250;

    private final String label;
    private final Mix mix;
    private final List<Shopper> shoppers;
    private final Duration duration;
    private final Progress progress;

    LoadPhase(String label, Mix mix, List<Shopper> shoppers, Duration duration, Progress progress) {
        this.label = label;
        this.mix = mix;
        this.shoppers = List.copyOf(shoppers);
        this.duration = duration;
        this.progress = progress;
    }

    /** Runs the phase without an event. */
    Result run() {
        return run(null, null);
    }

    /**
     * Runs the phase; at {@code eventAt} after its start, runs {@code event} (in a thread of its own, so
     * the shoppers keep going meanwhile).
     */
    Result run(Duration eventAt, Runnable event) {
        return run(eventAt, event, null);
    }

    /**
     * Runs {@code event} at the phase's start, and the phase until {@code after} past the event's end: the
     * phase's duration is then only its limit.
     */
    Result runAround(Runnable event, Duration after) {
        return run(Duration.ZERO, event, after);
    }

    private Result run(Duration eventAt, Runnable event, Duration after) {
        Recorder recorder = new Recorder(3);
        int buckets = (int) (duration.toMillis() / BUCKET_MILLIS) + 2;
        AtomicLongArray ok = new AtomicLongArray(buckets);
        AtomicLongArray failed = new AtomicLongArray(buckets);
        Map<String, LongAdder> reasons = new ConcurrentHashMap<>();
        LongAdder requests = new LongAdder();
        LongAdder errors = new LongAdder();
        AtomicLong eventNanos = new AtomicLong(Long.MAX_VALUE);
        long[] servedAgain = new long[shoppers.size()];

        long start = System.nanoTime();
        AtomicLong end = new AtomicLong(start + duration.toNanos());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < shoppers.size(); i++) {
            Shopper shopper = shoppers.get(i);
            int index = i;
            Thread thread = new Thread(() -> {
                long lastFailureEnd = Long.MIN_VALUE;
                long served = Long.MAX_VALUE;
                while (System.nanoTime() < end.get()) {
                    Outcome outcome = shopper.step(mix);
                    recorder.recordValue(Math.max(1, outcome.latencyNanos() / 1_000));
                    int bucket = (int) Math.min(buckets - 1, (outcome.endNanos() - start) / 1_000_000 / BUCKET_MILLIS);
                    requests.increment();
                    if (outcome.ok()) {
                        ok.incrementAndGet(bucket);
                    } else {
                        failed.incrementAndGet(bucket);
                        errors.increment();
                        reasons.computeIfAbsent(outcome.failure(), r -> new LongAdder()).increment();
                    }
                    if (outcome.served()) {
                        if (served == Long.MAX_VALUE && outcome.startNanos() >= eventNanos.get() && outcome.startNanos() >= lastFailureEnd) {
                            served = outcome.endNanos();
                        }
                    } else {
                        lastFailureEnd = outcome.endNanos();
                        served = Long.MAX_VALUE;
                    }
                }
                servedAgain[index] = served;
            }, "shopper-" + shopper.number());
            thread.start();
            threads.add(thread);
        }
        Thread eventThread = null;
        if (event != null) {
            eventThread = new Thread(() -> {
                sleepUntil(start + eventAt.toNanos());
                eventNanos.set(System.nanoTime());
                try {
                    event.run();
                } finally {
                    if (after != null) {
                        end.accumulateAndGet(System.nanoTime() + after.toNanos(), Math::min);
                    }
                }
            }, "event");
            eventThread.start();
        }
        while (System.nanoTime() < end.get()) {
            progress.update(label, Duration.ofNanos(System.nanoTime() - start), duration, requests.sum(), errors.sum());
            sleepUntil(Math.min(end.get(), System.nanoTime() + 1_000_000_000L));
        }
        join(threads);
        if (eventThread != null) {
            join(List.of(eventThread));
        }
        long elapsed = System.nanoTime() - start;
        progress.done(label, requests.sum(), errors.sum());

        Map<String, Long> failureReasons = new TreeMap<>();
        reasons.forEach((reason, count) -> failureReasons.put(reason, count.sum()));
        // A phase that ended early (runAround) keeps the buckets it used; the last one, as always, holds
        // whatever ended after the phase's end.
        int used = (int) Math.min(buckets, (end.get() - start) / 1_000_000 / BUCKET_MILLIS + 2);
        long[] okPerBucket = new long[used];
        long[] failedPerBucket = new long[used];
        for (int b = 0; b < buckets; b++) {
            okPerBucket[Math.min(b, used - 1)] += ok.get(b);
            failedPerBucket[Math.min(b, used - 1)] += failed.get(b);
        }
        Duration recovery = null;
        long eventAtNanos = eventNanos.get();
        if (eventAtNanos != Long.MAX_VALUE) {
            long last = eventAtNanos;
            for (long served : servedAgain) {
                last = Math.max(last, served == Long.MAX_VALUE ? end.get() : served);
            }
            recovery = Duration.ofNanos(last - eventAtNanos);
        }
        return new Result(label, mix, shoppers.size(), Duration.ofNanos(elapsed), requests.sum(), errors.sum(),
                failureReasons, recorder.getIntervalHistogram(), okPerBucket, failedPerBucket,
                eventAtNanos == Long.MAX_VALUE ? null : Duration.ofNanos(eventAtNanos - start), recovery);
    }

    private static void sleepUntil(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            try {
                Thread.sleep(Math.max(1, left / 1_000_000), 0);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void join(List<Thread> threads) {
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the shoppers finish", e);
            }
        }
    }

    /**
     * What a phase measured. Latencies in microseconds; the timeline in {@link #BUCKET_MILLIS} ms buckets
     * from the phase's start (a request counts in the bucket in which its answer came).
     *
     * @param eventAt  when the event ran, from the phase's start; null without one
     * @param recovery from the event until every shopper had been served again (an answer below 500 to a
     *                 request that started after the event and after its own last 5xx or unanswered
     *                 request); null without an event
     */
    record Result(String label, Mix mix, int users, Duration elapsed, long requests, long errors,
                  Map<String, Long> failureReasons, Histogram latencyMicros, long[] okPerBucket,
                  long[] failedPerBucket, Duration eventAt, Duration recovery) {

        double requestsPerSecond() {
            return requests / (elapsed.toNanos() / 1e9);
        }

        /** A latency percentile in milliseconds. */
        double percentileMillis(double percentile) {
            return latencyMicros.getValueAtPercentile(percentile) / 1000.0;
        }
    }
}
