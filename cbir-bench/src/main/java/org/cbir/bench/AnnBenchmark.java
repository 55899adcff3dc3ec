package org.cbir.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import org.cbir.core.Index;
import org.cbir.core.IndexFactory;
import org.cbir.core.Neighbor;
import org.cbir.core.Similarity;
import org.cbir.core.spi.ComponentRegistry;
import org.cbir.core.spi.ComponentRole;
import org.cbir.index.graph.NeighborGraph;
import org.cbir.index.graph.NeighborGraphIndex;
import org.cbir.index.ivf.InvertedFile;
import org.cbir.index.ivf.InvertedFileIndex;
import org.cbir.index.ivf.InvertedFilePq;
import org.cbir.index.ivf.InvertedFilePqIndex;
import org.cbir.index.lsh.LshForest;
import org.cbir.metrics.Similarities;

/**
 * Recall@10, speed, build time and memory of the approximate indexes (LSH Forest, JVector graph)
 * against the exact scan, on synthetic clustered vectors, Fashion-MNIST or PCA'd signatures of
 * the shared samples ({@link AnnData}). Prints the Markdown rows of the "Approximate indexes"
 * section of BENCHMARKS.md, one per index and search setting.
 *
 * <p>Arguments, {@code key=value}: {@code data} ({@code synthetic}, {@code fashion-mnist},
 * {@code gisaxs}; see {@link AnnData}), {@code n}, {@code d}, {@code queries} (default 1000),
 * {@code metric} ({@code cosine} or {@code euclidean}), {@code indexes}: a comma list of
 * {@code lsh:BITS:TREES:CANDIDATES[:MINHASHMATCH]}, {@code graph:DEGREE:BUILDBEAM:ALPHA:OVERFLOW[:jvector]},
 * {@code ivf[:LISTS[:PROBES]]} (the inverted file) and {@code ivf:pq[:LISTS[:PROBES[:M[:RERANK]]]]}
 * (with product-quantized lists) (for both, {@code probes} lists more probe settings of the same
 * build, comma list) and any other index by its registered shorthand, as {@code --index}
 * takes it ({@code exact:int8[:RERANK]}, ...; {@link ComponentRegistry#fromShorthand}),
 * {@code beams} (search beams of the graph, comma list), {@code threads} (graph build threads,
 * default 2), {@code dump} (a directory: writes the base and the queries there as
 * {@code base.f32} and {@code queries.f32}, raw little-endian float32 rows, for
 * {@code tools/faiss_ivf_hnsw.py} to measure FAISS on the same vectors).
 *
 * <p>Columns: build time (graph: {@code NeighborGraphIndex.addAll} on a pool of {@code threads}, with
 * the process CPU time over wall time to show the parallelism; others: {@code add} one by one),
 * heap growth after GC per vector (the input vectors stay referenced throughout, so this is the
 * index's own memory), queries per wall-clock second with one query at a time from one thread
 * (measured for 3 s after at least one pass and 1 s of warm-up over the queries),
 * queries per CPU-second of that thread (one core; stable on a shared machine, but blind to the
 * exact scan's helper threads), recall@10 against the exact scan, and the 1-minute load average.
 */
public final class AnnBenchmark {
    private static final int K = 10;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private AnnBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 1) {
                throw new IllegalArgumentException("arguments are key=value, got " + arg);
            }
            options.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        String metricName = options.getOrDefault("metric", "cosine");
        Similarity similarity = switch (metricName) {
            case "cosine" -> Similarity.cosine();
            case "euclidean" -> Similarities.euclidean();
            default -> throw new IllegalArgumentException("metric must be cosine or euclidean, got " + metricName);
        };
        AnnData data = AnnData.load(options);
        if (options.containsKey("dump")) {
            Path dump = Files.createDirectories(Path.of(options.get("dump")));
            write(dump.resolve("base.f32"), data.base());
            write(dump.resolve("queries.f32"), data.queries());
        }
        int threads = Integer.parseInt(options.getOrDefault("threads", "2"));
        int n = data.base().size();
        int d = data.base().get(0).length;
        String prefix = String.format(Locale.ROOT, "| %s | %,d | %d | %s |", data.name(), n, d, metricName);
        System.out.println("| data | n | d | metric | index | build (s) | build CPU/wall | heap B/vector | q/s | q/CPU-s | recall@10 | load |");
        System.out.println("|---|---:|---:|---|---|---:|---:|---:|---:|---:|---:|---:|");

        Built exact = build(IndexFactory.exact().create(d, similarity), data.base(), null, 1);
        List<List<Neighbor>> truth = new ArrayList<>();
        for (int from = 0; from < data.queries().size(); from += 32) {
            truth.addAll(exact.index.searchAll(data.queries().subList(from, Math.min(from + 32, data.queries().size())), K));
        }
        report(prefix, "exact", exact, exact.index, 0, truth, data.queries());
        exact = null;

        for (String spec : options.getOrDefault("indexes", "lsh:32:10:50,lsh:64:10:50").split(",")) {
            String[] p = spec.split(":");
            if (spec.isBlank()) {
                continue;
            } else if (p[0].equals("lsh")) {
                LshForest.Builder b = LshForest.builder().hashBits(Integer.parseInt(p[1])).trees(Integer.parseInt(p[2]))
                        .candidates(Integer.parseInt(p[3]));
                if (p.length > 4) {
                    b.minHashMatch(Integer.parseInt(p[4]));
                }
                LshForest factory = b.build();
                Built built = build(factory.create(d, similarity), data.base(), null, 1);
                report(prefix, String.format(Locale.ROOT, "LSH Forest %d-bit, %d trees, %d candidates, minHashMatch %d",
                        factory.hashBits(), factory.trees(), factory.candidates(), factory.minHashMatch()),
                        built, built.index, 0, truth, data.queries());
            } else if (p[0].equals("graph")) {
                NeighborGraph factory = NeighborGraph.builder().maxDegree(Integer.parseInt(p[1]))
                        .beamWidth(Integer.parseInt(p[2])).alpha(Float.parseFloat(p[3]))
                        .neighborOverflow(Float.parseFloat(p[4])).build();
                boolean jvector = p.length > 5 && p[5].equals("jvector");
                if (jvector) {
                    System.setProperty(NeighborGraphIndex.SEARCH_PROPERTY, "jvector");
                }
                Index created = factory.create(d, similarity);
                System.clearProperty(NeighborGraphIndex.SEARCH_PROPERTY);
                ForkJoinPool pool = new ForkJoinPool(threads);
                Built built = build(created, data.base(), pool, threads);
                pool.shutdown();
                for (String beam : options.getOrDefault("beams", "10,20,40,80").split(",")) {
                    report(prefix, String.format(Locale.ROOT, "graph degree %d, build beam %d, alpha %.1f, overflow %.1f;"
                            + " search beam %s%s", factory.maxDegree(), factory.beamWidth(), factory.alpha(),
                            factory.neighborOverflow(), beam, jvector ? " (JVector's graph and search)" : ""), built,
                            built.index, Integer.parseInt(beam), truth, data.queries());
                }
            } else if (p[0].equals("ivf") && p.length > 1 && p[1].equals("pq")) {
                InvertedFilePq factory = (InvertedFilePq) ComponentRegistry.standard().fromShorthand(ComponentRole.INDEX,
                        spec);
                Built built = build(factory.create(d, similarity), data.base(), null, 1);
                for (String probe : probeSettings(factory.probes(), options)) {
                    report(prefix, String.format(Locale.ROOT, "IVF-PQ, %d lists, %s probes, m %d, rerank %d",
                            factory.lists(), probe, Math.min(factory.m(), d), factory.rerank()), built, built.index,
                            -Integer.parseInt(probe), truth, data.queries());
                }
            } else if (p[0].equals("ivf")) {
                InvertedFile factory = InvertedFile.builder()
                        .lists(p.length > 1 ? Integer.parseInt(p[1]) : InvertedFile.DEFAULT_LISTS)
                        .probes(p.length > 2 ? Integer.parseInt(p[2]) : InvertedFile.DEFAULT_PROBES).build();
                Built built = build(factory.create(d, similarity), data.base(), null, 1);
                for (String probe : probeSettings(factory.probes(), options)) {
                    report(prefix, String.format(Locale.ROOT, "inverted file, %d lists, %s probes", factory.lists(), probe),
                            built, built.index, -Integer.parseInt(probe), truth, data.queries());
                }
            } else {
                IndexFactory factory = ComponentRegistry.standard().fromShorthand(ComponentRole.INDEX, spec);
                Built built = build(factory.create(d, similarity), data.base(), null, 1);
                report(prefix, factory.spec().toString(), built, built.index, 0, truth, data.queries());
            }
        }
    }

    /** The factory's probes, then those of the {@code probes} option. */
    private static List<String> probeSettings(int probes, Map<String, String> options) {
        List<String> settings = new ArrayList<>(List.of(String.valueOf(probes)));
        for (String more : options.getOrDefault("probes", "").split(",")) {
            if (!more.isBlank() && !settings.contains(more)) {
                settings.add(more);
            }
        }
        return settings;
    }

    private static void write(Path file, List<float[]> rows) throws java.io.IOException {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(rows.size() * rows.get(0).length * Float.BYTES)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (float[] row : rows) {
            for (float v : row) {
                buffer.putFloat(v);
            }
        }
        Files.write(file, buffer.array());
    }

    private record Built(Index index, double seconds, double cpuPerWall, long bytesPerVector) {
    }

    private static Built build(Index index, List<float[]> base, ForkJoinPool pool, int threads) {
        long heapBefore = usedHeap();
        long cpuBefore = BenchStats.processCpuNanos();
        long start = System.nanoTime();
        if (pool != null) {
            long[] ids = new long[base.size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = i;
            }
            ((NeighborGraphIndex) index).addAll(ids, base, pool);
            System.err.println("graph build: CPU seconds of each build thread: " + workerCpuSeconds());
        } else {
            for (int i = 0; i < base.size(); i++) {
                index.add(i, base.get(i));
            }
        }
        long wall = System.nanoTime() - start;
        double cpuPerWall = (double) (BenchStats.processCpuNanos() - cpuBefore) / wall;
        long bytes = (usedHeap() - heapBefore) / base.size();
        return new Built(index, wall / 1e9, cpuPerWall, bytes);
    }

    private static void report(String prefix, String name, Built built, Index index, int beam,
            List<List<Neighbor>> truth, List<float[]> queries) {
        List<List<Neighbor>> results = new ArrayList<>();
        long warmStart = System.nanoTime();
        for (float[] q : queries) { // warm-up pass, whose results give the recall
            results.add(search(index, q, beam));
        }
        while (System.nanoTime() - warmStart < 1_000_000_000L) { // a second of warm-up, so that the JIT has compiled the search
            for (float[] q : queries) {
                search(index, q, beam);
            }
        }
        long passes = 0;
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        do {
            for (float[] q : queries) {
                search(index, q, beam);
            }
            passes++;
        } while (System.nanoTime() - start < 3_000_000_000L);
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = (THREADS.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        long count = passes * queries.size();
        System.out.printf(Locale.ROOT, "%s %s | %.1f | %.2f | %,d | %,.0f | %,.0f | %.3f | %s |%n", prefix, name,
                built.seconds, built.cpuPerWall, built.bytesPerVector, count / wall, count / cpu,
                recall(truth, results), load());
    }

    /** A graph search with {@code beam > 0}, an inverted-file search with {@code -beam} probes, else a plain one. */
    private static List<Neighbor> search(Index index, float[] query, int beam) {
        if (beam < 0 && index instanceof InvertedFilePqIndex pq) {
            return pq.search(query, K, -beam);
        }
        if (beam < 0) {
            return ((InvertedFileIndex) index).search(query, K, -beam);
        }
        return beam > 0 ? ((NeighborGraphIndex) index).search(query, K, beam) : index.search(query, K);
    }

    static double recall(List<List<Neighbor>> truth, List<List<Neighbor>> results) {
        long hits = 0;
        for (int q = 0; q < truth.size(); q++) {
            Set<Long> expected = new HashSet<>();
            truth.get(q).forEach(t -> expected.add(t.id()));
            hits += results.get(q).stream().filter(r -> expected.contains(r.id())).count();
        }
        return (double) hits / (truth.size() * K);
    }

    private static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (java.io.IOException e) {
            return "?";
        }
    }

    /** CPU seconds of every live fork-join worker thread, to show that the build ran on several. */
    private static String workerCpuSeconds() {
        StringBuilder out = new StringBuilder();
        for (java.lang.management.ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("ForkJoinPool-")) {
                out.append(String.format(Locale.ROOT, "%s %.1f; ", info.getThreadName(),
                        THREADS.getThreadCpuTime(info.getThreadId()) / 1e9));
            }
        }
        return out.toString();
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
