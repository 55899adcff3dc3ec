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
import org.cbir.core.Index;
import org.cbir.core.IndexFactory;
import org.cbir.core.Neighbor;
import org.cbir.core.Similarity;
import org.cbir.index.graph.NeighborGraph;

/**
 * Recall@10 and latency of a {@link SolrIndex} on a 2-node, 2-shard in-process SolrCloud
 * against its over-request factor, beside cbir's exact scan and graph index measured in the same
 * run on the same vectors, and the indexing throughput. Not a test (run by hand, see
 * BENCHMARKS.md); prints Markdown rows.
 *
 * <p>Arguments {@code key=value}: {@code n} (default 100000), {@code d} (64), {@code queries}
 * (200), {@code factors} (comma list, default 1,2,4,8,16), {@code batch} (documents per update
 * request, 1000). Vectors: Gaussian clusters (1,000 centres, sigma 0.3 around unit-variance
 * centres; queries drawn the same way), cosine distance. Latency: one query at a time from one
 * thread, wall clock, after 50 warm-up queries.
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

        t = System.nanoTime();
        Index graph = NeighborGraph.builder().build().create(d, cosine);
        for (int i = 0; i < n; i++) {
            graph.add(i, base.get(i));
        }
        graph.search(queries.get(0), K);
        row("graph (cbir-index)", "defaults", seconds(t), n, graph, queries, truth);

        try (SolrTestCluster cluster = SolrTestCluster.start("bench")) {
            SolrTarget target = cluster.target("bench");
            SolrCollections.create(target, new SolrCollections.Layout(d, SolrVectorFunction.COSINE, 2, 1));
            t = System.nanoTime();
            try (SolrIndex loading = SolrIndexFactory.of(target, new SolrOptions(1, batch, 3)).create(d, cosine)) {
                for (int i = 0; i < n; i++) {
                    loading.add(i, base.get(i));
                }
                loading.size(); // sends the last batch and commits
            }
            double load = seconds(t);
            for (int factor : factors) {
                try (SolrIndex solr = SolrIndexFactory.of(target, new SolrOptions(factor, batch, 3)).connect(d, cosine)) {
                    row("Solr 2 nodes x 2 shards", "topK = " + factor + " x k", load, n, solr, queries, truth);
                }
            }
        }
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
