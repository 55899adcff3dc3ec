package org.cbir.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.cbir.core.IndexingReport.SkippedImage;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.core.image.Image;
import org.cbir.core.image.ImageReadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decodes and extracts a collection batch by batch on a pool of worker threads, handing the
 * signatures to a sink in collection order. Each worker decodes one image, extracts it and
 * drops the pixels, so memory holds at most a batch of signatures and one image per thread. A
 * {@link BatchedFeatureExtractor} instead gets each batch of decoded images in one call (one
 * forward pass of a CNN), so memory then holds one batch of images.
 */
final class BatchExtractor {
    private static final Logger LOG = LoggerFactory.getLogger(BatchExtractor.class);
    private static final AtomicInteger POOLS = new AtomicInteger();

    /** Receives each usable image's signature, in collection order, on the calling thread. */
    interface Sink {
        void accept(ImageEntry entry, float[] signature);
    }

    /** A signature, or a decoded image waiting for one, or why the image is unusable. */
    private record Outcome(float[] signature, Image image, String problem, Exception cause) {
    }

    private final FeatureExtractor extractor;
    private final Reducer.Fitted reducer;
    private final PipelineOptions options;

    BatchExtractor(FeatureExtractor extractor, Reducer.Fitted reducer, PipelineOptions options) {
        this.extractor = extractor;
        this.reducer = reducer;
        this.options = options;
    }

    static float[] signature(FeatureExtractor extractor, Reducer.Fitted reducer, Image image) {
        float[] raw = extractor.extract(image);
        if (raw.length != extractor.dimension()) {
            throw new IllegalStateException("extractor " + extractor.spec() + " returned " + raw.length
                    + " values but declares dimension " + extractor.dimension());
        }
        requireFinite(raw, extractor.spec());
        return reduce(extractor, reducer, raw);
    }

    /** Applies the reducer, if any, and checks that it kept every value finite. */
    private static float[] reduce(FeatureExtractor extractor, Reducer.Fitted reducer, float[] raw) {
        if (reducer == null) {
            return raw;
        }
        float[] reduced = reducer.apply(raw);
        requireFinite(reduced, "the reducer after " + extractor.spec());
        return reduced;
    }

    /**
     * Refuses a signature with NaN or an infinity: it would be indexed and answered with
     * {@code distance=NaN} and a confident prediction.
     *
     * @throws IllegalArgumentException naming {@code source} and the first bad dimension
     */
    static void requireFinite(float[] signature, Object source) {
        for (int i = 0; i < signature.length; i++) {
            if (!Float.isFinite(signature[i])) {
                throw new IllegalArgumentException(source + " returned a non-finite signature (" + signature[i]
                        + " at dimension " + i + " of " + signature.length + ")");
            }
        }
    }

    IndexingReport run(ImageCollection collection, ProgressListener progress, String stage, Sink sink) {
        long start = System.nanoTime();
        List<ImageEntry> entries = collection.entries();
        List<SkippedImage> skipped = new ArrayList<>();
        int added = 0;
        ExecutorService pool = newPool();
        try {
            progress.onProgress(stage, 0, entries.size());
            for (int from = 0; from < entries.size(); from += options.batchSize()) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new CancellationException(stage + " cancelled after " + from + " of " + entries.size() + " images");
                }
                List<ImageEntry> batch = entries.subList(from, Math.min(entries.size(), from + options.batchSize()));
                List<Outcome> outcomes = extractor instanceof BatchedFeatureExtractor batched
                        ? extractBatched(batched, batch, pool, stage) : extractEach(batch, pool, stage);
                for (int i = 0; i < batch.size(); i++) {
                    ImageEntry entry = batch.get(i);
                    Outcome outcome = outcomes.get(i);
                    if (outcome.signature() != null) {
                        sink.accept(entry, outcome.signature());
                        added++;
                    } else if (options.strict()) {
                        throw new IndexingException(entry.name(), outcome.problem(), outcome.cause());
                    } else {
                        LOG.warn("skipping {}: {}", entry.name(), outcome.problem());
                        skipped.add(new SkippedImage(entry.name(), outcome.problem()));
                    }
                }
                progress.onProgress(stage, from + batch.size(), entries.size());
            }
        } finally {
            pool.shutdownNow();
        }
        return new IndexingReport(added, skipped, Duration.ofNanos(System.nanoTime() - start));
    }

    /** Signatures of in-memory images, in order; an unusable image fails the whole call. */
    List<float[]> signatures(List<Image> images) {
        if (extractor instanceof BatchedFeatureExtractor batched) {
            List<float[]> out = new ArrayList<>(images.size());
            for (int from = 0; from < images.size(); from += options.batchSize()) {
                List<Image> batch = images.subList(from, Math.min(images.size(), from + options.batchSize()));
                for (float[] raw : checked(batched.extractAll(batch), batch.size())) {
                    out.add(reducer == null ? raw : reducer.apply(raw));
                }
            }
            return out;
        }
        ExecutorService pool = newPool();
        try {
            List<Future<float[]>> futures = new ArrayList<>(images.size());
            for (Image image : images) {
                futures.add(pool.submit(() -> signature(extractor, reducer, image)));
            }
            List<float[]> out = new ArrayList<>(images.size());
            for (Future<float[]> f : futures) {
                out.add(await(f, "extracting queries"));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Decodes and extracts each image of the batch on the pool. */
    private List<Outcome> extractEach(List<ImageEntry> batch, ExecutorService pool, String stage) {
        List<Future<Outcome>> futures = new ArrayList<>(batch.size());
        for (ImageEntry entry : batch) {
            futures.add(pool.submit(() -> extract(entry)));
        }
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (Future<Outcome> f : futures) {
            outcomes.add(await(f, stage));
        }
        return outcomes;
    }

    /**
     * Decodes the batch on the pool, then extracts the decoded images in one call; if that call
     * refuses an image, they are extracted one by one so that only the unusable ones are skipped.
     */
    private List<Outcome> extractBatched(BatchedFeatureExtractor batched, List<ImageEntry> batch,
            ExecutorService pool, String stage) {
        List<Future<Outcome>> futures = new ArrayList<>(batch.size());
        for (ImageEntry entry : batch) {
            futures.add(pool.submit(() -> decode(entry)));
        }
        List<Outcome> decoded = new ArrayList<>(batch.size());
        List<Image> images = new ArrayList<>(batch.size());
        for (Future<Outcome> f : futures) {
            Outcome outcome = await(f, stage);
            decoded.add(outcome);
            if (outcome.image() != null) {
                images.add(outcome.image());
            }
        }
        List<float[]> signatures;
        try {
            signatures = checked(batched.extractAll(images), images.size());
        } catch (IllegalArgumentException e) {
            List<Outcome> outcomes = new ArrayList<>(batch.size());
            for (Outcome d : decoded) {
                outcomes.add(d.image() == null ? d : extractDecoded(d.image()));
            }
            return outcomes;
        }
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        int next = 0;
        for (Outcome d : decoded) {
            if (d.image() == null) {
                outcomes.add(d);
            } else {
                float[] raw = signatures.get(next++);
                outcomes.add(finiteOutcome(raw));
            }
        }
        return outcomes;
    }

    private List<float[]> checked(List<float[]> signatures, int expected) {
        if (signatures.size() != expected) {
            throw new IllegalStateException("extractor " + extractor.spec() + " returned " + signatures.size()
                    + " signatures for " + expected + " images");
        }
        for (float[] raw : signatures) {
            if (raw.length != extractor.dimension()) {
                throw new IllegalStateException("extractor " + extractor.spec() + " returned " + raw.length
                        + " values but declares dimension " + extractor.dimension());
            }
        }
        return signatures;
    }

    private Outcome finiteOutcome(float[] raw) {
        try {
            requireFinite(raw, extractor.spec());
            return new Outcome(reduce(extractor, reducer, raw), null, null, null);
        } catch (IllegalArgumentException e) {
            return new Outcome(null, null, "unusable by " + extractor.spec().type() + ": " + e.getMessage(), e);
        }
    }

    private Outcome decode(ImageEntry entry) {
        try {
            return new Outcome(null, entry.load(), null, null);
        } catch (ImageReadException e) {
            return new Outcome(null, null, e.problem(), e);
        }
    }

    private Outcome extractDecoded(Image image) {
        try {
            return new Outcome(signature(extractor, reducer, image), null, null, null);
        } catch (IllegalArgumentException e) {
            return new Outcome(null, null, "unusable by " + extractor.spec().type() + ": " + e.getMessage(), e);
        }
    }

    private Outcome extract(ImageEntry entry) {
        try {
            return new Outcome(signature(extractor, reducer, entry.load()), null, null, null);
        } catch (ImageReadException e) {
            return new Outcome(null, null, e.problem(), e);
        } catch (IllegalArgumentException e) {
            return new Outcome(null, null, "unusable by " + extractor.spec().type() + ": " + e.getMessage(), e);
        }
    }

    private static <T> T await(Future<T> future, String stage) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException(stage + " interrupted");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(stage + " failed", cause);
        }
    }

    private ExecutorService newPool() {
        int pool = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread t = new Thread(runnable, "cbir-extract-" + pool + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        return Executors.newFixedThreadPool(options.threads(), factory);
    }
}
