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
import org.cbir.core.Neighbor;
import org.cbir.core.Similarity;
import org.cbir.core.spi.ComponentRegistry;
import org.cbir.core.spi.ComponentRole;
import org.cbir.index.graph.NeighborGraph;
import org.cbir.index.lsh.LshForest;

/**
 * Index speed, recall and memory on synthetic clustered vectors (1,000 Gaussian clusters,
 * seeded), cosine distance, top 10: build time, heap bytes per vector, single-query latency
 * (mean and median over the queries, after a warm-up of both paths), per-query latency in batches
 * of 32 ({@code searchAll}; mean and median over the batches), recall@10 against the exact
 * scan, and the CPU time of the process per query for both (which, on a machine shared with other
 * work, says what the query costs where wall-clock times depend on the load).
 * Prints the Markdown rows of BENCHMARKS.md.
 *
 * <p>Arguments: {@code n dimension [indexes [batch]]} where indexes is a comma list of
 * {@code exact}, {@code lsh32}, {@code lsh64}, {@code graph} (search beam 20) and any index by its
 * registered shorthand, as {@code --index} takes it ({@code exact:int8[:RERANK]}, {@code ivf[:LISTS[:PROBES]]},
 * ...; {@link ComponentRegistry#fromShorthand}) (default {@code exact,lsh32,lsh64}), and batch the size of the
 * batches (default 32). Run with a heap large enough for the vectors and
 * {@code --add-modules jdk.incubator.vector}.
 */
public final class IndexBenchmark {
    private static final int K = 10;
    private static final int QUERIES = 200;
    private static final int CLUSTERS = 1000;

    private IndexBenchmark() {
    }

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int dimension = Integer.parseInt(args[1]);
        List<String> chosen = Arrays.asList((args.length > 2 ? args[2] : "exact,lsh32,lsh64").split(","));
        int batch = args.length > 3 ? Integer.parseInt(args[3]) : 32;
        int queryCount = Math.max(QUERIES, batch);
        Random random = new Random(42);
        float[][] centres = new float[CLUSTERS][];
        for (int c = 0; c < CLUSTERS; c++) {
            centres[c] = gaussian(random, dimension, 1f, null);
        }
        Map<String, IndexFactory> factories = new LinkedHashMap<>();
        factories.put("exact", IndexFactory.exact());
        factories.put("lsh32", LshForest.builder().hashBits(32).build());
        factories.put("lsh64", LshForest.builder().hashBits(64).build());
        factories.put("graph", NeighborGraph.builder().searchBeam(20).build());
        for (String name : chosen) {
            if (!factories.containsKey(name)) {
                factories.put(name, ComponentRegistry.standard().fromShorthand(ComponentRole.INDEX, name));
            }
        }
        List<float[]> queries = new ArrayList<>();
        for (int q = 0; q < queryCount; q++) {
            queries.add(gaussian(random, dimension, 0.3f, centres[random.nextInt(CLUSTERS)]));
        }
        List<List<Neighbor>> truth = null;
        System.out.println("| n | d | index | build (s) | heap B/vector | 1 query (ms) mean / median "
                + "| batch of " + batch + " (ms/query) mean / median | recall@10 | CPU ms/query: 1 query / batch | load |");
        System.out.println("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        for (String name : chosen) {
            Index index = factories.get(name).create(dimension, Similarity.cosine());
            long heapBefore = usedHeap();
            long start = System.nanoTime();
            Random data = new Random(7);
            for (int i = 0; i < n; i++) {
                index.add(i, gaussian(data, dimension, 0.3f, centres[data.nextInt(CLUSTERS)]));
            }
            double build = (System.nanoTime() - start) / 1e9;
            long bytesPerVector = (usedHeap() - heapBefore) / n;
            for (int w = 0; w < 2; w++) { // warm-up: let the JIT compile both paths
                index.searchAll(queries.subList(0, batch), K);
                for (float[] q : queries.subList(0, 10)) {
                    index.search(q, K);
                }
            }
            long cpuStart = BenchStats.processCpuNanos();
            double[] singles = new double[QUERIES];
            List<List<Neighbor>> results = new ArrayList<>();
            for (int q = 0; q < QUERIES; q++) {
                start = System.nanoTime();
                results.add(index.search(queries.get(q), K));
                singles[q] = (System.nanoTime() - start) / 1e6;
            }
            double singleCpu = (BenchStats.processCpuNanos() - cpuStart) / 1e6 / QUERIES;
            cpuStart = BenchStats.processCpuNanos();
            double[] batches = new double[(queryCount + batch - 1) / batch];
            for (int from = 0, b = 0; from < queryCount; from += batch, b++) {
                int to = Math.min(queryCount, from + batch);
                start = System.nanoTime();
                index.searchAll(queries.subList(from, to), K);
                batches[b] = (System.nanoTime() - start) / 1e6 / (to - from);
            }
            double batchCpu = (BenchStats.processCpuNanos() - cpuStart) / 1e6 / queryCount;
            if (name.equals("exact")) {
                truth = results;
            }
            String recall = truth == null ? "-" : String.format(Locale.ROOT, "%.3f", recall(truth, results));
            System.out.printf(Locale.ROOT, "| %,d | %d | %s | %.1f | %d | %.2f / %.2f | %.2f / %.2f | %s | %.1f / %.1f | %.2f |%n",
                    n, dimension, index.spec(), build, bytesPerVector, BenchStats.mean(singles), BenchStats.median(singles),
                    BenchStats.mean(batches), BenchStats.median(batches), recall, singleCpu, batchCpu,
                    BenchStats.loadAverage());
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
