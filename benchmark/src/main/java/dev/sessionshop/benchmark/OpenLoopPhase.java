package dev.sessionshop.benchmark;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A mix at a fixed rate (an open loop), for latency that means something: at its maximum a closed loop's
 * p99 mostly restates Little's law, and a stall there delays the requests that would have been sent
 * meanwhile without measuring them (coordinated omission). Here every request has an intended send time
 * on a fixed schedule, and its latency is timed from that time to the answer: a stall counts in every
 * request it held back. The rate is divided among the shoppers, each on a schedule of its own, offset from
 * the others', one request at a time (a session is one browser); a shopper still waiting for an answer
 * sends its next request late, and the lateness is in that request's latency.
 */
final class OpenLoopPhase {

    /** A request sent this much after its intended time counts as sent late. */
    static final long LATE_NANOS = 1_000_000;

    private final String label;
    private final Mix mix;
    private final List<Shopper> shoppers;
    private final double rate;
    private final Duration duration;
    private final Progress progress;

    /** @param rate requests per second, all shoppers together */
    OpenLoopPhase(String label, Mix mix, List<Shopper> shoppers, double rate, Duration duration, Progress progress) {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("the rate must be above 0, not " + rate);
        }
        this.label = label;
        this.mix = mix;
        this.shoppers = List.copyOf(shoppers);
        this.rate = rate;
        this.duration = duration;
        this.progress = progress;
    }

    Result run() {
        Recorder fromIntended = new Recorder(3);
        Recorder answer = new Recorder(3);
        LongAdder requests = new LongAdder();
        LongAdder errors = new LongAdder();
        LongAdder late = new LongAdder();
        LongAdder unsent = new LongAdder();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        int count = shoppers.size();
        double spacing = 1e9 / rate;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Shopper shopper = shoppers.get(i);
            int offset = i;
            Thread thread = new Thread(() -> {
                for (long k = offset; ; k += count) {
                    long intended = start + Math.round(k * spacing);
                    if (intended >= end) {
                        return;
                    }
                    long now = System.nanoTime();
                    if (now >= end) {
                        // Due before the end but not sent: the shopper was still waiting. Each counts with
                        // the wait so far, a lower bound of its latency.
                        for (long due = k; start + Math.round(due * spacing) < end; due += count) {
                            fromIntended.recordValue(Math.max(1, (now - start - Math.round(due * spacing)) / 1_000));
                            unsent.increment();
                        }
                        return;
                    }
                    parkUntil(intended);
                    Outcome outcome = shopper.step(mix);
                    fromIntended.recordValue(Math.max(1, (outcome.endNanos() - intended) / 1_000));
                    answer.recordValue(Math.max(1, outcome.latencyNanos() / 1_000));
                    requests.increment();
                    if (outcome.startNanos() - intended > LATE_NANOS) {
                        late.increment();
                    }
                    if (!outcome.ok()) {
                        errors.increment();
                    }
                }
            }, "open-loop-" + shopper.number());
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            while (thread.isAlive()) {
                progress.update(label, Duration.ofNanos(System.nanoTime() - start), duration, requests.sum(), errors.sum());
                try {
                    thread.join(1_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while the shoppers finish", e);
                }
            }
        }
        progress.done(label, requests.sum(), errors.sum());
        return new Result(label, mix, rate, duration, Duration.ofNanos(System.nanoTime() - start), requests.sum(), errors.sum(),
                late.sum(), unsent.sum(), fromIntended.getIntervalHistogram(), answer.getIntervalHistogram());
    }

    private static void parkUntil(long nanoTime) {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(left);
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
        }
    }

    /**
     * What the phase measured; latencies in microseconds.
     *
     * @param rate          the rate asked for, requests per second
     * @param duration      the schedule's length: requests were due during it
     * @param elapsed       until the last answer came
     * @param requests      sent (each answered, or failed)
     * @param late          sent more than {@link #LATE_NANOS} after their intended time
     * @param unsent        due before the end but not sent by then (the rate was not sustained)
     * @param fromIntended  from each request's intended send time to its answer (unsent ones: to the end)
     * @param answer        from each request's actual send time to its answer
     */
    record Result(String label, Mix mix, double rate, Duration duration, Duration elapsed, long requests, long errors,
                  long late, long unsent, Histogram fromIntended, Histogram answer) {

        /** Requests per second sent over the schedule's length. */
        double sentPerSecond() {
            return requests / (duration.toNanos() / 1e9);
        }

        /**
         * Every request due was sent before the end: the shop kept up, if at times late (which the
         * latencies show).
         */
        boolean sustained() {
            return unsent == 0;
        }

        /** A percentile of the latency from the intended send time, in milliseconds. */
        double percentileMillis(double percentile) {
            return fromIntended.getValueAtPercentile(percentile) / 1000.0;
        }
    }
}
