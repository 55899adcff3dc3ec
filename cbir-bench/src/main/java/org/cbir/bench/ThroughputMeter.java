package org.cbir.bench;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.image.Image;

/**
 * Measures how many images per second an extractor describes: after a warm-up, each of
 * {@code threads} workers cycles through the images until the measuring time is over; the
 * figure is the total count over the elapsed wall-clock time.
 */
final class ThroughputMeter {
    private final List<Image> images;
    private final double warmupSeconds;
    private final double measureSeconds;

    ThroughputMeter(List<Image> images, double warmupSeconds, double measureSeconds) {
        this.images = List.copyOf(images);
        this.warmupSeconds = warmupSeconds;
        this.measureSeconds = measureSeconds;
    }

    /** Images per second with {@code threads} concurrent workers sharing one extractor. */
    double imagesPerSecond(FeatureExtractor extractor, int threads) throws Exception {
        run(extractor, threads, warmupSeconds);
        return run(extractor, threads, measureSeconds);
    }

    private double run(FeatureExtractor extractor, int threads, double seconds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            long deadline = start + (long) (seconds * 1e9);
            List<Future<long[]>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t * 7;
                futures.add(pool.submit(() -> {
                    long count = 0;
                    float sink = 0;
                    int i = offset;
                    while (System.nanoTime() < deadline) {
                        sink += extractor.extract(images.get(i++ % images.size()))[0];
                        count++;
                    }
                    return new long[] {count, Float.floatToIntBits(sink)};
                }));
            }
            long total = 0;
            for (Future<long[]> f : futures) {
                total += f.get()[0];
            }
            return total / ((System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }
}
