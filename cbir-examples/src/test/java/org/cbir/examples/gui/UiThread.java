package org.cbir.examples.gui;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A stand-in for the Swing event thread in tests without a display: one thread that owns the
 * model, and helpers to run on it and to wait until a job ends.
 */
final class UiThread implements Executor, AutoCloseable {
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "test-ui");
        t.setDaemon(true);
        return t;
    });

    @Override
    public void execute(Runnable task) {
        thread.execute(task);
    }

    /** Runs {@code task} on the UI thread and returns its value. */
    <T> T call(Callable<T> task) throws Exception {
        try {
            return thread.submit(task).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        }
    }

    /** Runs {@code task} on the UI thread. */
    void run(Runnable task) throws Exception {
        call(() -> {
            task.run();
            return null;
        });
    }

    /** Waits until the model has no running job (checked on the UI thread after each change). */
    void awaitIdle(GuiModel model, long seconds) throws Exception {
        CountDownLatch idle = new CountDownLatch(1);
        GuiModel.Listener listener = change -> {
            if (!model.isBusy()) {
                idle.countDown();
            }
        };
        run(() -> {
            model.addListener(listener);
            if (!model.isBusy()) {
                idle.countDown();
            }
        });
        boolean done = idle.await(seconds, TimeUnit.SECONDS);
        run(() -> model.removeListener(listener));
        if (!done) {
            throw new TimeoutException("the job did not end within " + seconds + " s");
        }
        run(() -> { });
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
