package org.cbir.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
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
 * {@code threads} workers cycles through the images until the measuring time is over.
 * {@link #imagesPerSecond} divides the total count by the elapsed wall-clock time;
 * {@link #imagesPerCpuSecond} divides one worker's count by the CPU time of its thread, which
 * stays meaningful on a machine shared with other work.
 */
final class ThroughputMeter {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private final List<Image> images;
    private final double warmupSeconds;
    private final double measureSeconds;

    ThroughputMeter(List<Image> images, double warmupSeconds, double measureSeconds) {
        this.images = List.copyOf(images);
        this.warmupSeconds = warmupSeconds;
        this.measureSeconds = measureSeconds;
    }

    /** Images per wall-clock second with {@code threads} concurrent workers sharing one extractor. */
    double imagesPerSecond(FeatureExtractor extractor, int threads) throws Exception {
        run(extractor, threads, warmupSeconds, false);
        return run(extractor, threads, measureSeconds, false);
    }

    /** Images per CPU-second of a single worker thread. */
    double imagesPerCpuSecond(FeatureExtractor extractor) throws Exception {
        run(extractor, 1, warmupSeconds, true);
        return run(extractor, 1, measureSeconds, true);
    }

    private double run(FeatureExtractor extractor, int threads, double seconds, boolean cpuTime) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            long deadline = start + (long) (seconds * 1e9);
            List<Future<long[]>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t * 7;
                futures.add(pool.submit(() -> {
                    long cpuStart = CPU.getCurrentThreadCpuTime();
                    long count = 0;
                    float sink = 0;
                    int i = offset;
                    while (System.nanoTime() < deadline) {
                        sink += extractor.extract(images.get(i++ % images.size()))[0];
                        count++;
                    }
                    return new long[] {count, CPU.getCurrentThreadCpuTime() - cpuStart, Float.floatToIntBits(sink)};
                }));
            }
            long total = 0;
            long cpuNanos = 0;
            for (Future<long[]> f : futures) {
                long[] result = f.get();
                total += result[0];
                cpuNanos += result[1];
            }
            double elapsed = cpuTime ? cpuNanos / 1e9 : (System.nanoTime() - start) / 1e9;
            return total / elapsed;
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }
}
