package org.cbir.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.cbir.core.Index;
import org.cbir.core.IndexFactory;
import org.cbir.core.Indexes;
import org.cbir.core.Neighbor;
import org.cbir.core.Similarities;
import org.cbir.index.graph.GraphIndex;
import org.cbir.index.lsh.LshForest;

/**
 * Index speed, recall and memory on synthetic clustered vectors (1,000 Gaussian clusters,
 * seeded), cosine distance, top 10: build time, heap bytes per vector, single-query latency,
 * per-query latency in batches of 32 ({@code searchAll}), and recall@10 against the exact scan.
 * Prints the Markdown rows of BENCHMARKS.md.
 *
 * <p>Arguments: {@code n dimension [indexes]} where indexes is a comma list of {@code exact},
 * {@code lsh32}, {@code lsh64}, {@code graph} (default {@code exact,lsh32,lsh64}). Run with a
 * heap large enough for the vectors and {@code --add-modules jdk.incubator.vector}.
 */
public final class IndexBenchmark {
    private static final int K = 10;
    private static final int QUERIES = 200;
    private static final int BATCH = 32;
    private static final int CLUSTERS = 1000;

    private IndexBenchmark() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int dimension = Integer.parseInt(args[1]);
        List<String> chosen = Arrays.asList((args.length > 2 ? args[2] : "exact,lsh32,lsh64").split(","));
        Random random = new Random(42);
        float[][] centres = new float[CLUSTERS][];
        for (int c = 0; c < CLUSTERS; c++) {
            centres[c] = gaussian(random, dimension, 1f, null);
        }
        Map<String, IndexFactory> factories = new LinkedHashMap<>();
        factories.put("exact", Indexes.exact());
        factories.put("lsh32", LshForest.builder().hashBits(32).build());
        factories.put("lsh64", LshForest.builder().hashBits(64).build());
        factories.put("graph", GraphIndex.builder().searchBeam(20).build());
        List<float[]> queries = new ArrayList<>();
        for (int q = 0; q < QUERIES; q++) {
            queries.add(gaussian(random, dimension, 0.3f, centres[random.nextInt(CLUSTERS)]));
        }
        List<List<Neighbor>> truth = null;
        System.out.println("| n | d | index | build (s) | heap B/vector | 1 query (ms) | batch of 32 (ms/query) | recall@10 |");
        System.out.println("|---:|---:|---|---:|---:|---:|---:|---:|");
        for (String name : chosen) {
            Index index = factories.get(name).create(dimension, Similarities.cosine());
            long heapBefore = usedHeap();
            long start = System.nanoTime();
            Random data = new Random(7);
            for (int i = 0; i < n; i++) {
                index.add(i, gaussian(data, dimension, 0.3f, centres[data.nextInt(CLUSTERS)]));
            }
            double build = (System.nanoTime() - start) / 1e9;
            long bytesPerVector = (usedHeap() - heapBefore) / n;
            index.searchAll(queries.subList(0, 20), K);
            start = System.nanoTime();
            List<List<Neighbor>> results = new ArrayList<>();
            for (float[] q : queries) {
                results.add(index.search(q, K));
            }
            double single = (System.nanoTime() - start) / 1e6 / QUERIES;
            start = System.nanoTime();
            for (int from = 0; from < QUERIES; from += BATCH) {
                index.searchAll(queries.subList(from, Math.min(QUERIES, from + BATCH)), K);
            }
            double batched = (System.nanoTime() - start) / 1e6 / QUERIES;
            if (name.equals("exact")) {
                truth = results;
            }
            String recall = truth == null ? "-" : String.format(Locale.ROOT, "%.3f", recall(truth, results));
            System.out.printf(Locale.ROOT, "| %,d | %d | %s | %.1f | %d | %.2f | %.2f | %s |%n", n, dimension,
                    index.spec(), build, bytesPerVector, single, batched, recall);
            index = null;
            results = null;
        }
    }

    private static double recall(List<List<Neighbor>> truth, List<List<Neighbor>> results) {
        long hits = 0;
        for (int q = 0; q < truth.size(); q++) {
            List<Long> expected = truth.get(q).stream().map(Neighbor::id).toList();
            hits += results.get(q).stream().filter(r -> expected.contains(r.id())).count();
        }
        return (double) hits / (truth.size() * K);
    }

    private static float[] gaussian(Random random, int dimension, float sigma, float[] centre) {
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = (centre == null ? 0 : centre[i]) + sigma * (float) random.nextGaussian();
        }
        return v;
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
