package org.cbir.solr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import org.cbir.core.Index;
import org.cbir.core.IndexFactory;
import org.cbir.core.Neighbor;
import org.cbir.core.Similarity;
import org.cbir.index.graph.NeighborGraph;
import org.cbir.index.graph.NeighborGraphIndex;

/**
 * Recall@10 and latency of a {@link SolrIndex} on a 2-node, 2-shard in-process SolrCloud
 * against its over-request factor, beside cbir's exact scan and graph index measured in the same
 * run on the same vectors, and the indexing throughput. Not a test (run by hand, see
 * BENCHMARKS.md); prints Markdown rows.
 *
 * <p>Arguments {@code key=value}: {@code n} (default 100000), {@code d} (64), {@code queries}
 * (200), {@code factors} (comma list, default 1,2,4,8,16), {@code batch} (documents per update
 * request, 1000), {@code threads} (update threads of the full load, 2), {@code probe} (documents
 * of each indexing-rate probe, 20000; 0 for none), {@code probe-threads} (comma list, 1,2,4) and
 * {@code graph} (true; false leaves out the graph index, whose build dominates at 1M):
 * before the full load, the first {@code probe} vectors are loaded into a fresh collection once
 * per thread count, so the rates compare in the same run. The graph index is built with
 * {@code addAll} on a pool of {@code threads} threads. Vectors: Gaussian clusters (1,000 centres,
 * sigma 0.3 around unit-variance centres; queries drawn the same way), cosine distance. Latency:
 * one query at a time from one thread, wall clock, after 50 warm-up queries. Progress of the full
 * load (every tenth) goes to standard error with its rate.
 */
public final class SolrBenchmark {
    private static final int K = 10;

    private SolrBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.split("=", 2);
            o.put(kv[0], kv[1]);
        }
        int n = Integer.parseInt(o.getOrDefault("n", "100000"));
        int d = Integer.parseInt(o.getOrDefault("d", "64"));
        int queryCount = Integer.parseInt(o.getOrDefault("queries", "200"));
        int batch = Integer.parseInt(o.getOrDefault("batch", "1000"));
        int threads = Integer.parseInt(o.getOrDefault("threads", "2"));
        int probe = Integer.parseInt(o.getOrDefault("probe", "20000"));
        boolean withGraph = Boolean.parseBoolean(o.getOrDefault("graph", "true"));
        int[] probeThreads = Arrays.stream(o.getOrDefault("probe-threads", "1,2,4").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int[] factors = Arrays.stream(o.getOrDefault("factors", "1,2,4,8,16").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        Similarity cosine = Similarity.cosine();
        Random random = new Random(42);
        float[][] centres = new float[1000][];
        for (int c = 0; c < centres.length; c++) {
            centres[c] = gaussian(random, d, 1f, null);
        }
        List<float[]> base = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            base.add(gaussian(random, d, 0.3f, centres[random.nextInt(centres.length)]));
        }
        List<float[]> queries = new ArrayList<>();
        for (int q = 0; q < queryCount; q++) {
            queries.add(gaussian(random, d, 0.3f, centres[random.nextInt(centres.length)]));
        }
        System.out.println("| index | setting | build/load (s) | vectors/s | recall@10 | mean ms | p50 ms | p99 ms | load |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|");

        long t = System.nanoTime();
        Index exact = IndexFactory.exact().create(d, cosine);
        for (int i = 0; i < n; i++) {
            exact.add(i, base.get(i));
        }
        double exactBuild = seconds(t);
        List<Set<Long>> truth = new ArrayList<>();
        for (float[] q : queries) {
            Set<Long> ids = new HashSet<>();
            exact.search(q, K).forEach(nb -> ids.add(nb.id()));
            truth.add(ids);
        }
        row("exact scan", "-", exactBuild, n, exact, queries, truth);

        if (withGraph) {
            long g = System.nanoTime();
            NeighborGraphIndex graph = NeighborGraph.builder().build().create(d, cosine);
            long[] ids = new long[n];
            Arrays.setAll(ids, i -> i);
            ForkJoinPool pool = new ForkJoinPool(threads);
            graph.addAll(ids, base, pool);
            pool.shutdown();
            graph.search(queries.get(0), K);
            row("graph (cbir-index)", "defaults, addAll on " + threads + " threads", seconds(g), n, graph, queries,
                    truth);
        }
        exact = null; // the JVM's heap goes to Solr from here

        try (SolrTestCluster cluster = SolrTestCluster.start("bench")) {
            for (int pt : probeThreads) {
                if (probe > 0) {
                    SolrTarget target = cluster.target("probe_" + pt);
                    SolrCollections.create(target, new SolrCollections.Layout(d, SolrVectorFunction.COSINE, 2, 1));
                    double s = load(target, new SolrOptions(1, batch, 3, pt), base.subList(0, Math.min(n, probe)), d,
                            cosine, false);
                    System.out.printf(Locale.ROOT, "| Solr load probe | %d vectors, batches of %d, %d update threads |"
                            + " %.1f | %,.0f | | | | | %.2f |%n", Math.min(n, probe), batch, pt, s,
                            Math.min(n, probe) / s, loadAverage());
                }
            }
            SolrTarget target = cluster.target("bench");
            SolrCollections.create(target, new SolrCollections.Layout(d, SolrVectorFunction.COSINE, 2, 1));
            double load = load(target, new SolrOptions(1, batch, 3, threads), base, d, cosine, true);
            for (int factor : factors) {
                try (SolrIndex solr = SolrIndexFactory.of(target, new SolrOptions(factor, batch, 3)).connect(d, cosine)) {
                    row("Solr 2 nodes x 2 shards", "topK = " + factor + " x k", load, n, solr, queries, truth);
                }
            }
        }
    }

    /** Seconds to add {@code vectors} to the empty collection of {@code target} and commit once. */
    private static double load(SolrTarget target, SolrOptions options, List<float[]> vectors, int d, Similarity sim,
            boolean progress) {
        long t = System.nanoTime();
        try (SolrIndex loading = SolrIndexFactory.of(target, options).create(d, sim)) {
            int step = Math.max(1, vectors.size() / 10);
            for (int i = 0; i < vectors.size(); i++) {
                loading.add(i, vectors.get(i));
                if (progress && (i + 1) % step == 0) {
                    System.err.printf(Locale.ROOT, "loaded %,d of %,d in %.0f s (%,.0f vectors/s), load %.2f%n", i + 1,
                            vectors.size(), seconds(t), (i + 1) / seconds(t), loadAverage());
                }
            }
            loading.size(); // sends the last batch, waits for those in flight and commits
        }
        return seconds(t);
    }

    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void row(String name, String setting, double build, int n, Index index, List<float[]> queries,
            List<Set<Long>> truth) {
        for (int w = 0; w < Math.min(50, queries.size()); w++) {
            index.search(queries.get(w), K);
        }
        double[] ms = new double[queries.size()];
        int hits = 0;
        for (int q = 0; q < queries.size(); q++) {
            long t = System.nanoTime();
            List<Neighbor> found = index.search(queries.get(q), K);
            ms[q] = (System.nanoTime() - t) / 1e6;
            for (Neighbor nb : found) {
                hits += truth.get(q).contains(nb.id()) ? 1 : 0;
            }
        }
        double mean = Arrays.stream(ms).average().orElse(0);
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %,.0f | %.3f | %.2f | %.2f | %.2f | %.2f |%n", name, setting,
                build, n / build, hits / (double) (K * queries.size()), mean, ms[ms.length / 2],
                ms[(int) Math.min(ms.length - 1, Math.ceil(ms.length * 0.99) - 1)],
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    private static float[] gaussian(Random random, int d, float sigma, float[] centre) {
        float[] v = new float[d];
        for (int j = 0; j < d; j++) {
            v[j] = (float) (random.nextGaussian() * sigma) + (centre == null ? 0 : centre[j]);
        }
        return v;
    }
}
