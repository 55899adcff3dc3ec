package org.cbir.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.cbir.core.Index;
import org.cbir.core.Neighbor;
import org.cbir.core.Similarity;
import org.cbir.core.io.StoreDirectory;
import org.cbir.index.quantized.Int8Scan;
import org.cbir.index.quantized.Int8ScanIndex;

/**
 * The int8 scan saved, then loaded onto the heap and with its floats memory-mapped, alternately:
 * load time, heap held after the load (used heap after GC, less the heap before), median and mean
 * time of one top-10 query (200 queries after a warm-up pass), and whether the answers equal the
 * first heap load's. Data: {@code n} vectors of dimension {@code d} around 1,000 Gaussian centres
 * (spread 0.3), cosine. Arguments: {@code n d directory} (a new directory for the saved index).
 */
public final class MappedInt8Benchmark {
    private MappedInt8Benchmark() {
    }

    static long used() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    /** Median and mean milliseconds of one query. */
    static double[] time(Index index, float[][] queries) {
        double[] ms = new double[queries.length];
        for (int q = 0; q < queries.length; q++) {
            long t = System.nanoTime();
            index.search(queries[q], 10);
            ms[q] = (System.nanoTime() - t) / 1e6;
        }
        Arrays.sort(ms);
        return new double[] {ms[ms.length / 2], Arrays.stream(ms).average().orElse(0)};
    }

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]), d = Integer.parseInt(args[1]);
        Path dir = Files.createDirectories(Path.of(args[2]));
        SplittableRandom random = new SplittableRandom(7);
        float[][] centres = new float[1000][d];
        for (float[] c : centres) {
            for (int j = 0; j < d; j++) {
                c[j] = (float) random.nextGaussian();
            }
        }
        Int8ScanIndex built = Int8Scan.withDefaults().create(d, Similarity.cosine());
        float[] v = new float[d];
        for (int i = 0; i < n; i++) {
            float[] c = centres[random.nextInt(1000)];
            for (int j = 0; j < d; j++) {
                v[j] = c[j] + 0.3f * (float) random.nextGaussian();
            }
            built.add(i, v);
        }
        float[][] queries = new float[200][d];
        for (float[] q : queries) {
            float[] c = centres[random.nextInt(1000)];
            for (int j = 0; j < d; j++) {
                q[j] = c[j] + 0.3f * (float) random.nextGaussian();
            }
        }
        long t = System.nanoTime();
        built.save(StoreDirectory.local(dir));
        System.out.printf("n %d d %d saved in %.1f s, file %d bytes%n", n, d, (System.nanoTime() - t) / 1e9,
                Files.size(dir.resolve("exact-int8.bin")));
        built = null;
        long base = used();
        List<List<Neighbor>> first = null;
        for (boolean map : new boolean[] {false, true, false, true}) {
            t = System.nanoTime();
            Int8ScanIndex loaded = Int8Scan.withDefaults().load(StoreDirectory.local(dir), Similarity.cosine(), map);
            double load = (System.nanoTime() - t) / 1e9;
            long heap = used() - base;
            time(loaded, queries); // warm-up
            double[] r = time(loaded, queries);
            List<List<Neighbor>> answers = new ArrayList<>();
            for (float[] q : queries) {
                answers.add(loaded.search(q, 10));
            }
            if (first == null) {
                first = answers;
            }
            System.out.print("same answers as the first heap load: " + first.equals(answers) + "; ");
            System.out.printf("map %-5s load %.1f s  heap %,d bytes (%.0f B/vector)  one query: median %.2f ms mean %.2f ms  load avg %s%n",
                    map, load, heap, (double) heap / n, r[0], r[1], Files.readString(Path.of("/proc/loadavg")).trim());
            loaded = null; // unreachable before the next load's heap is measured
        }
    }
}
