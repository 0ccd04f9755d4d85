package dev.sessionshop.session.memcached;

import com.spotify.folsom.BinaryMemcacheClient;
import com.spotify.folsom.GetResult;
import com.spotify.folsom.MemcacheClientBuilder;
import com.spotify.folsom.MemcacheStatus;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One memcached node, and the few binary-protocol commands a session needs, each one round trip and
 * blocking for at most the command timeout. Folsom keeps one connection to the node and reconnects by
 * itself in the background; while the node is down every call fails at once with {@link Down}.
 */
final class MemcachedNode implements AutoCloseable {

    /** Memcached reads an expiry above 30 days as a Unix time, not a duration. */
    private static final int MAX_RELATIVE_EXPIRY = 60 * 60 * 24 * 30;

    private final String address;
    private final BinaryMemcacheClient<byte[]> client;
    private final Duration timeout;

    MemcachedNode(InetSocketAddress node, Duration timeout, Duration connectTimeout, int maxItemBytes) {
        this.address = MemcachedSessionConfig.hostPort(node);
        this.timeout = timeout;
        this.client = MemcacheClientBuilder.newByteArrayClient()
                .withAddress(node.getHostString(), node.getPort())
                .withRequestTimeoutMillis(timeout.toMillis())
                .withConnectionTimeoutMillis(connectTimeout.toMillis())
                .withMaxSetLength(maxItemBytes)
                // At most once, as with Redis: a write that failed is answered with a 503, never re-sent later.
                .withRetry(false)
                .connectBinary();
    }

    /** Whether the connection is up within {@code wait}. */
    boolean awaitConnected(Duration wait) {
        try {
            client.awaitConnected(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    String address() {
        return address;
    }

    /** The item and its CAS value, its expiry renewed in the same round trip ({@code GAT}); null when absent. */
    GetResult<byte[]> getAndTouch(String key, int ttlSeconds) {
        return await(client.casGetAndTouch(key, expiry(ttlSeconds)));
    }

    /** The item and its CAS value, expiry untouched; null when absent. */
    GetResult<byte[]> gets(String key) {
        return await(client.casGet(key));
    }

    MemcacheStatus add(String key, byte[] item, int ttlSeconds) {
        return await(client.add(key, item, expiry(ttlSeconds)));
    }

    /** Stores the item only if it still has the CAS value {@code cas} ({@code KEY_EXISTS} otherwise). */
    MemcacheStatus cas(String key, byte[] item, int ttlSeconds, long cas) {
        return await(client.set(key, item, expiry(ttlSeconds), cas));
    }

    /**
     * Renews the expiry without waiting for the answer (a read's copy on the backup); when the node has no
     * such item (it restarted, or evicted it) and {@code item} is given, adds it, still unwaited. Failures
     * are ignored: the next read or write tries again.
     */
    void touchLater(String key, int ttlSeconds, byte[] item) {
        try {
            client.touch(key, expiry(ttlSeconds)).thenCompose(status -> status == MemcacheStatus.KEY_NOT_FOUND && item != null
                    ? client.add(key, item, expiry(ttlSeconds)) : CompletableFuture.completedFuture(status))
                    .exceptionally(e -> null);
        } catch (RuntimeException e) {
            // Not connected: nothing to renew now.
        }
    }

    MemcacheStatus touch(String key, int ttlSeconds) {
        return await(client.touch(key, expiry(ttlSeconds)));
    }

    MemcacheStatus delete(String key) {
        return await(client.delete(key));
    }

    /** Deletes the item only if it still has the CAS value {@code cas}. */
    MemcacheStatus delete(String key, long cas) {
        return await(client.delete(key, cas));
    }

    @Override
    public void close() {
        client.shutdown();
    }

    /** Zero or less: never expires (0); a longer interval than memcached reads as a duration: an absolute time. */
    static int expiry(int ttlSeconds) {
        if (ttlSeconds <= 0) {
            return 0;
        }
        return ttlSeconds <= MAX_RELATIVE_EXPIRY ? ttlSeconds : (int) (System.currentTimeMillis() / 1000 + ttlSeconds);
    }

    private <T> T await(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new Down(address, e.getCause());
        } catch (TimeoutException e) {
            throw new Down(address, new TimeoutException("no answer within " + timeout));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Down(address, e);
        }
    }

    /** The node did not answer: refused, closed, timed out or overloaded. */
    static final class Down extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Down(String address, Throwable cause) {
            super("memcached " + address + ": " + cause, cause);
        }
    }
}
