package org.cbir.bench;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import org.cbir.core.Index;
import org.cbir.core.IndexFactory;
import org.cbir.core.Neighbor;
import org.cbir.core.Similarity;

/**
 * Large-k exact search: the latency of one query of the exact index for k from tens up to the
 * whole collection (k = n, the ranking an evaluation needs for every query), on the synthetic
 * clustered vectors of {@link IndexBenchmark} (1,000 Gaussian clusters, seeded), cosine. Each k
 * runs {@code queries} queries after a warm-up, on one thread (the search inside a fork-join
 * pool of parallelism 1, so the scan does not fork) and on the common pool (the default, all
 * cores); prints as Markdown rows the median and mean wall-clock milliseconds of the search, the
 * median of the search and a pass that reads every neighbour of its result (id and distance, as
 * the checksum does: the cost a caller pays for a result list that creates its records on
 * demand), the CPU milliseconds of the whole process per query (the collector's and that pass
 * included), the collectors' pause milliseconds per query (as their MXBeans count them), the
 * 1-minute load average at the end of the row, and a checksum of the results (ids and
 * distances), which must be the same for code that ranks identically.
 *
 * <p>Arguments: {@code n dimension [ks] [queries] [label]}, ks a comma list of k values or
 * {@code n} (default {@code 10,1000,10000,62500,250000,n}), label a name for the code under
 * test in the rows. System property {@code cbir.exact.ranking} ({@code auto}, {@code ranking},
 * {@code heap}) forces one of the exact index's two large-k paths, to find their crossover. Run
 * with {@code -Xms} equal to {@code -Xmx} and {@code -XX:+AlwaysPreTouch}: otherwise the first
 * pass of the allocations through a fresh heap pays the kernel's page faults (measured here at
 * 100 ms and more per whole-collection ranking), which a long-running process pays once. The
 * benchmark collects once after building the index (an explicit {@code System.gc()}), so that the
 * first young collection, which copies the generated vectors still alive then (a pause of 300 ms
 * measured at 1M x 16), does not fall into whichever row happens to fill the young generation.
 */
public final class RankingBenchmark {
    private RankingBenchmark() {
    }

    public static void main(String[] args) throws InterruptedException, ExecutionException {
        int n = Integer.parseInt(args[0]);
        int dimension = Integer.parseInt(args[1]);
        String ks = args.length > 2 ? args[2] : "10,1000,10000,62500,250000,n";
        int queryCount = args.length > 3 ? Integer.parseInt(args[3]) : 7;
        String label = args.length > 4 ? args[4] : System.getProperty("cbir.exact.ranking", "auto");
        AnnData data = AnnData.synthetic(n, dimension, queryCount);
        List<float[]> queries = data.queries();
        Index index = IndexFactory.exact().create(dimension, Similarity.cosine());
        for (int i = 0; i < n; i++) {
            index.add(i, data.base().get(i));
        }
        data = null; // the index holds its own copy of the vectors
        System.gc(); // so that the first young collection does not copy the set-up's garbage inside a row
        ForkJoinPool single = new ForkJoinPool(1);
        for (String kText : ks.split(",")) {
            int k = kText.equals("n") ? n : Integer.parseInt(kText);
            for (int threads : new int[] {1, 0}) {
                long checksum = 0;
                for (int w = 0; w < 2; w++) { // warm-up: let the JIT compile the path
                    search(index, queries.get(w % queryCount), k, threads == 1 ? single : null);
                }
                double[] millis = new double[queryCount];
                double[] withReading = new double[queryCount];
                long cpuStart = BenchStats.processCpuNanos();
                long gcStart = BenchStats.collectorMillis();
                for (int q = 0; q < queryCount; q++) {
                    long start = System.nanoTime();
                    List<Neighbor> result = search(index, queries.get(q), k, threads == 1 ? single : null);
                    long searched = System.nanoTime();
                    checksum = 31 * checksum + checksum(result);
                    millis[q] = (searched - start) / 1e6;
                    withReading[q] = (System.nanoTime() - start) / 1e6;
                }
                double cpu = (BenchStats.processCpuNanos() - cpuStart) / 1e6 / queryCount;
                double gc = (double) (BenchStats.collectorMillis() - gcStart) / queryCount;
                System.out.printf(Locale.ROOT, "| %,d | %d | %,d | %s | %s | %.1f / %.1f | %.1f | %.1f | %.1f | %.1f"
                        + " | %016x |%n", n, dimension, k, label, threads == 1 ? "1" : "all", BenchStats.median(millis),
                        BenchStats.mean(millis), BenchStats.median(withReading), cpu, gc, BenchStats.loadAverage(),
                        checksum);
            }
        }
        single.shutdown();
    }

    private static List<Neighbor> search(Index index, float[] query, int k, ForkJoinPool pool)
            throws InterruptedException, ExecutionException {
        return pool == null ? index.search(query, k) : pool.submit(() -> index.search(query, k)).get();
    }

    private static long checksum(List<Neighbor> neighbors) {
        long sum = neighbors.size();
        for (Neighbor n : neighbors) {
            sum = sum * 1_000_003 + n.id() * 31 + Double.doubleToLongBits(n.distance());
        }
        return sum;
    }
}
