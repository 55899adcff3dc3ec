package org.cbir.core.internal.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongPredicate;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Index;
import org.cbir.core.Neighbor;
import org.cbir.core.RecordFilter;
import org.cbir.core.Similarity;
import org.cbir.core.internal.math.RowTiles;
import org.cbir.core.internal.math.VectorMath;
import org.cbir.core.io.StoreDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RankingScan}, the selection-and-sort path for large k, against a brute-force reference
 * that computes {@link Similarity#distance} for every live vector and sorts the
 * {@link Neighbor}s: identical lists (ids, distances, order) for random stores whose vectors
 * come from a small pool (so that most distances are shared by many ids and the id breaks the
 * tie), with zero vectors, random and negative ids, removals (which move rows, so that row
 * order is not id order), filters, k from 1 past the size, one and several scan ranges, both
 * tile kernels; and through {@link ExactScanIndex} over a memory-mapped store with dead rows.
 * The seed of each case is in its message.
 */
class RankingScanTest {
    private static final Similarity COSINE = new CosineDistance();
    /** Stands for cbir-metrics' EuclideanDistance (kind SQUARED_EUCLIDEAN). */
    private static final Similarity EUCLIDEAN = new Similarity() {
        @Override
        public ComponentSpec spec() {
            return ComponentSpec.of("euclidean");
        }

        @Override
        public double distance(float[] a, float[] b) {
            return Math.sqrt(VectorMath.squaredDistance(a, b));
        }
    };
    /** A similarity without a fast path (kind EXACT). */
    private static final Similarity MANHATTAN = new Similarity() {
        @Override
        public ComponentSpec spec() {
            return ComponentSpec.of("manhattan");
        }

        @Override
        public double distance(float[] a, float[] b) {
            double sum = 0;
            for (int i = 0; i < a.length; i++) {
                sum += Math.abs((double) a[i] - b[i]);
            }
            return sum;
        }
    };

    @TempDir
    Path dir;

    @Test
    void randomStoresRankAsTheBruteForceReference() {
        int[] dimensions = {1, 3, 16, 17, 40};
        for (int seed = 0; seed < 20; seed++) {
            Random random = new Random(seed);
            int dimension = dimensions[seed % dimensions.length];
            Similarity similarity = List.of(COSINE, EUCLIDEAN, MANHATTAN).get(seed % 3);
            int n = 1 + random.nextInt(seed < 8 ? 60 : 4_000);
            Map<Long, float[]> reference = new HashMap<>();
            RowStore store = new RowStore(dimension, ExactScanIndex.checksNorms(similarity));
            fill(random, dimension, n, store, reference);
            LongPredicate odd = id -> (id & 1) != 0;
            for (int query = 0; query < 3; query++) {
                float[] q = query == 2 ? new float[dimension] : pool(random, dimension, 6)[random.nextInt(6)];
                List<Neighbor> unfiltered = bruteForce(similarity, reference, q, Integer.MAX_VALUE, null);
                List<Neighbor> onlyOdd = bruteForce(similarity, reference, q, Integer.MAX_VALUE, odd);
                for (int k : new int[] {1, 2, 1 + random.nextInt(reference.size() + 1), reference.size() - 1,
                        reference.size(), reference.size() + 5}) {
                    if (k < 1) {
                        continue;
                    }
                    for (LongPredicate filter : new LongPredicate[] {null, odd}) {
                        List<Neighbor> all = filter == null ? unfiltered : onlyOdd;
                        List<Neighbor> expected = all.subList(0, Math.min(k, all.size()));
                        for (RowTiles tiles : List.of(RowTiles.scalar(), RowTiles.preferred())) {
                            for (int tasks : new int[] {1, 3}) {
                                String what = "seed " + seed + ", " + similarity.spec().type() + ", d=" + dimension
                                        + ", n=" + reference.size() + ", k=" + k + ", filter " + (filter != null)
                                        + ", " + tiles.name() + ", " + tasks + " tasks";
                                assertEquals(expected, RankingScan.search(store, similarity, q, k, tasks, tiles,
                                        filter), what);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void anExactIndexRanksLargeKAsTheBruteForceReferenceOverAMappedStore() throws IOException {
        for (Similarity similarity : List.of(COSINE, EUCLIDEAN, MANHATTAN)) {
            Random random = new Random(7);
            Map<Long, float[]> reference = new HashMap<>();
            ExactScanIndex saved = new ExactScanIndex(16, similarity);
            float[][] pool = pool(random, 16, 40);
            for (int i = 0; i < 12_000; i++) {
                float[] v = pool[random.nextInt(pool.length)];
                saved.add(3L * i - 5_000, v);
                reference.put(3L * i - 5_000, v);
            }
            Path directory = Files.createDirectories(dir.resolve(similarity.spec().type()));
            saved.save(StoreDirectory.local(directory));
            ExactScanIndex mapped = ExactScanFile.map(StoreDirectory.local(directory), similarity);
            for (long id = -5_000; id < 10_000; id += 9) {
                if (reference.remove(id) != null) {
                    assertTrue(mapped.remove(id));
                }
            }
            for (int i = 0; i < 300; i++) {
                float[] v = pool[random.nextInt(pool.length)];
                mapped.add(1_000_000L - i, v);
                reference.put(1_000_000L - i, v);
            }
            int size = reference.size();
            assertTrue(BatchScan.ranks(size, size) && BatchScan.ranks(size / 4, size), "these k take the ranking");
            assertFalse(BatchScan.ranks(10, size));
            float[] q = pool[3];
            List<Neighbor> all = bruteForce(similarity, reference, q, Integer.MAX_VALUE, null);
            for (int k : new int[] {size / 4, size - 1, size, size + 1}) {
                List<Neighbor> expected = all.subList(0, Math.min(k, size));
                assertEquals(expected, mapped.search(q, k), similarity.spec().type() + " k=" + k);
                assertEquals(List.of(expected), mapped.searchAll(List.of(q), k));
            }
            Index.Filter filter = new Index.Filter(RecordFilter.label("fourth"), id -> id % 4 == 0);
            assertEquals(bruteForce(similarity, reference, q, size, id -> id % 4 == 0), mapped.search(q, size, filter));
        }
    }

    /** n vectors drawn from a pool of 30 (one of them zero) under random ids, a third removed, some added. */
    private static void fill(Random random, int dimension, int n, RowStore store, Map<Long, float[]> reference) {
        float[][] pool = pool(random, dimension, 30);
        List<Long> ids = new ArrayList<>();
        while (ids.size() < n) {
            long id = random.nextInt(4 * n + 10) - 2 * n;
            if (!reference.containsKey(id)) {
                float[] v = pool[random.nextInt(pool.length)];
                store.add(id, v);
                reference.put(id, v);
                ids.add(id);
            }
        }
        for (int i = 0; i < n / 3; i++) {
            long id = ids.get(random.nextInt(ids.size()));
            assertEquals(reference.remove(id) != null, store.remove(id));
        }
        for (int i = 0; i < n / 10; i++) {
            long id = 10L * n + i;
            float[] v = pool[random.nextInt(pool.length)];
            store.add(id, v);
            reference.put(id, v);
        }
    }

    /** {@code count} random vectors with small integer components (exact ties), the first zero. */
    private static float[][] pool(Random random, int dimension, int count) {
        float[][] pool = new float[count][dimension];
        for (int p = 1; p < count; p++) {
            for (int j = 0; j < dimension; j++) {
                pool[p][j] = random.nextInt(5) - 2 + (random.nextInt(4) == 0 ? 0.1f * random.nextInt(9) : 0f);
            }
        }
        return pool;
    }

    private static List<Neighbor> bruteForce(Similarity similarity, Map<Long, float[]> vectors, float[] query, int k,
            LongPredicate filter) {
        List<Neighbor> all = new ArrayList<>();
        vectors.forEach((id, v) -> {
            if (filter == null || filter.test(id)) {
                all.add(new Neighbor(id, similarity.distance(query, v)));
            }
        });
        all.sort(null);
        return all.subList(0, Math.min(k, all.size()));
    }
}
