package dev.sessionshop.session.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One measured window: {@code threads} request threads, each reading its own session through one client path
 * in a loop. The counters are read while every worker is alive (parked before and after the loop), so no
 * thread's context switches are lost with it.
 */
final class Window {

    private final ClientPaths path;
    private final List<String> ids;
    private final Thread[] workers;
    private final long[] operations;
    private final CountDownLatch ready;
    private final CountDownLatch start = new CountDownLatch(1);
    private final CountDownLatch finished;
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile long deadline;

    private Window(ClientPaths path, int threads, List<String> ids, long operationsPerThread) {
        this.path = path;
        this.ids = ids;
        this.workers = new Thread[threads];
        this.operations = new long[threads];
        this.ready = new CountDownLatch(threads);
        this.finished = new CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
            int worker = i;
            workers[i] = new Thread(() -> work(worker, operationsPerThread), "request-" + i);
            workers[i].start();
        }
    }

    static void warmUp(ClientPaths path, int threads, List<String> ids, int operations) throws InterruptedException {
        Window window = new Window(path, threads, ids, Math.max(1, operations / threads));
        window.run(Duration.ofMinutes(10), 0);
    }

    static CostCounters.PerOperation measure(ClientPaths path, int threads, List<String> ids, Duration duration, long redisPid)
            throws InterruptedException {
        return new Window(path, threads, ids, Long.MAX_VALUE).run(duration, redisPid);
    }

    private CostCounters.PerOperation run(Duration duration, long redisPid) throws InterruptedException {
        ready.await();
        CostCounters.Snapshot before = redisPid > 0 ? CostCounters.take(redisPid) : null;
        deadline = System.nanoTime() + duration.toNanos();
        start.countDown();
        finished.await();
        CostCounters.Snapshot after = redisPid > 0 ? CostCounters.take(redisPid) : null;
        release.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        if (failure.get() != null) {
            throw new IllegalStateException(path.name() + " failed", failure.get());
        }
        long total = 0;
        for (long count : operations) {
            total += count;
        }
        return before == null ? null : CostCounters.between(before, after, total);
    }

    private void work(int worker, long limit) {
        String id = ids.get(worker % ids.size());
        long done = 0;
        try {
            ready.countDown();
            start.await();
            long end = deadline;
            while (done < limit && System.nanoTime() < end) {
                path.read(id);
                done++;
            }
        } catch (Throwable e) {
            failure.compareAndSet(null, e);
        } finally {
            operations[worker] = done;
            finished.countDown();
        }
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
