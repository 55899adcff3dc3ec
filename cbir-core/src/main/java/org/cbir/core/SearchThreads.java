package org.cbir.core;

import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads a pipeline searches on: a fork-join pool of the pipeline's {@code threads}, created
 * on the first search, in which index searches run, so that their parallel scans fork onto it
 * and never onto the JVM's common pool (an application that embeds cbir bounds its parallelism
 * with {@link RetrievalPipeline.Builder#threads}). Thread-safe; {@link #close} ends the threads.
 */
final class SearchThreads implements AutoCloseable {
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final int threads;
    private ForkJoinPool pool;
    private boolean closed;

    SearchThreads(int threads) {
        this.threads = threads;
    }

    /**
     * Runs {@code search} on the pool and returns its result; an exception it throws is rethrown
     * as it is (not wrapped), an interrupt of the caller becomes a {@link CancellationException}.
     *
     * @throws IllegalStateException if the pipeline was closed
     */
    <T> T run(Callable<T> search) {
        ForkJoinPool current = pool();
        if (ForkJoinTask.getPool() == current) {
            return call(search);
        }
        try {
            return current.submit(search).get();
        } catch (RejectedExecutionException e) {
            throw closedError();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("search interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("search failed", cause);
        }
    }

    private static <T> T call(Callable<T> search) {
        try {
            return search.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("search failed", e);
        }
    }

    private synchronized ForkJoinPool pool() {
        if (closed) {
            throw closedError();
        }
        if (pool == null) {
            int number = POOLS.incrementAndGet();
            AtomicInteger count = new AtomicInteger();
            pool = new ForkJoinPool(threads, p -> {
                ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
                t.setName("cbir-search-" + number + "-" + count.incrementAndGet());
                t.setDaemon(true);
                return t;
            }, null, false);
        }
        return pool;
    }

    private static IllegalStateException closedError() {
        return new IllegalStateException("the pipeline is closed");
    }

    /** Ends the threads after the searches in progress; later searches fail. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        if (pool != null) {
            pool.shutdown();
        }
    }
}
