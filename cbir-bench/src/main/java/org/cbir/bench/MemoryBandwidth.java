package org.cbir.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The memory read bandwidth a scan can hope for: sums a float array far larger than the caches
 * (default 2 GiB, as 1M x 512 floats) with the Vector API and four accumulators, on 1 and on 2
 * threads that each read half, and prints the median of several passes in GB/s (10^9 bytes) and
 * the time of one pass. A pass of the exact scan over the same floats cannot be faster.
 *
 * <p>Arguments: {@code [gibibytes] [passes]}. Run with {@code --add-modules jdk.incubator.vector}
 * and a heap a little larger than the array.
 */
public final class MemoryBandwidth {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;

    private MemoryBandwidth() {
    }

    public static void main(String[] args) throws Exception {
        double gib = args.length > 0 ? Double.parseDouble(args[0]) : 2.0;
        int passes = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        int floats = (int) Math.min(Integer.MAX_VALUE - 64, (long) (gib * (1L << 30) / Float.BYTES));
        float[] data = new float[floats];
        for (int i = 0; i < floats; i++) {
            data[i] = (i & 1023) * 1e-3f;
        }
        long bytes = 4L * floats;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        double check = 0;
        for (int threads = 1; threads <= 2; threads++) {
            double[] seconds = new double[passes];
            for (int p = -2; p < passes; p++) { // two warm-up passes
                long start = System.nanoTime();
                check += sum(pool, data, threads);
                if (p >= 0) {
                    seconds[p] = (System.nanoTime() - start) / 1e9;
                }
            }
            Arrays.sort(seconds);
            double median = seconds[passes / 2];
            System.out.printf(Locale.ROOT, "%d thread(s): %.2f GB/s median (%.2f..%.2f), %.0f ms per pass over %.2f GB%n",
                    threads, bytes / median / 1e9, bytes / seconds[passes - 1] / 1e9, bytes / seconds[0] / 1e9,
                    median * 1e3, bytes / 1e9);
        }
        pool.shutdown();
        System.out.printf(Locale.ROOT, "(checksum %.3e)%n", check);
    }

    private static double sum(ExecutorService pool, float[] data, int threads) throws Exception {
        int length = data.length;
        @SuppressWarnings("unchecked")
        Future<Float>[] parts = new Future[threads];
        for (int t = 0; t < threads; t++) {
            int from = (int) ((long) t * length / threads) & -64;
            int to = t == threads - 1 ? length : (int) ((long) (t + 1) * length / threads) & -64;
            parts[t] = pool.submit(() -> sum(data, from, to));
        }
        double total = 0;
        for (Future<Float> part : parts) {
            total += part.get();
        }
        return total;
    }

    private static float sum(float[] data, int from, int to) {
        int lanes = SPECIES.length();
        FloatVector a0 = FloatVector.zero(SPECIES);
        FloatVector a1 = FloatVector.zero(SPECIES);
        FloatVector a2 = FloatVector.zero(SPECIES);
        FloatVector a3 = FloatVector.zero(SPECIES);
        int i = from;
        for (int bound = to - 4 * lanes; i <= bound; i += 4 * lanes) {
            a0 = a0.add(FloatVector.fromArray(SPECIES, data, i));
            a1 = a1.add(FloatVector.fromArray(SPECIES, data, i + lanes));
            a2 = a2.add(FloatVector.fromArray(SPECIES, data, i + 2 * lanes));
            a3 = a3.add(FloatVector.fromArray(SPECIES, data, i + 3 * lanes));
        }
        float s = a0.add(a1).add(a2.add(a3)).reduceLanes(VectorOperators.ADD);
        for (; i < to; i++) {
            s += data[i];
        }
        return s;
    }
}
