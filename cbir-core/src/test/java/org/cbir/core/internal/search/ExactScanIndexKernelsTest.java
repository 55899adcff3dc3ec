package org.cbir.core.internal.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Neighbor;
import org.cbir.core.Similarity;
import org.cbir.core.SimilarityKind;
import org.cbir.core.internal.math.RowTiles;
import org.cbir.core.internal.math.VectorMath;
import org.cbir.core.io.StoreDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contiguous store and its fast paths against a naive loop that calls
 * {@link Similarity#distance} for every stored vector and sorts: results must be identical
 * (same ids, same distances, same order), for cosine (float dot path), a similarity of kind
 * Euclidean (float squared-L2 path) and any other similarity (row by row), through
 * additions, swap-removes over many chunks, batches, ties and degenerate vectors; with the
 * Vector API tile kernels and with the scalar ones ({@link RowTiles#scalar()}), over the heap
 * and over a memory-mapped store.
 */
class ExactScanIndexKernelsTest {
    private static final Similarity COSINE = new CosineDistance();
    /** Stands for cbir-metrics' EuclideanDistance, which core does not see. */
    private static final Similarity EUCLIDEAN = new Similarity() {
        @Override
        public ComponentSpec spec() {
            return ComponentSpec.of("euclidean");
        }

        @Override
        public double distance(float[] a, float[] b) {
            return Math.sqrt(VectorMath.squaredDistance(a, b));
        }

        @Override
        public SimilarityKind kind() {
            return SimilarityKind.EUCLIDEAN;
        }
    };
    /** A similarity without a fast path. */
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

    @Test
    void everySimilarityMatchesTheNaiveLoopSequentialAndParallel() {
        for (Similarity similarity : List.of(COSINE, EUCLIDEAN, MANHATTAN)) {
            for (boolean parallel : new boolean[] {false, true}) {
                Random random = new Random(31);
                Reference reference = new Reference(similarity);
                ExactScanIndex index = new ExactScanIndex(67, similarity, parallel);
                for (int i = 0; i < 6_000; i++) {
                    float[] v = gaussian(random, 67);
                    index.add(i * 7L, v);
                    reference.add(i * 7L, v);
                }
                List<float[]> queries = new ArrayList<>();
                for (int q = 0; q < 6; q++) {
                    queries.add(gaussian(random, 67));
                }
                queries.add(new float[67]);
                List<List<Neighbor>> batch = index.searchAll(queries, 10);
                for (int q = 0; q < queries.size(); q++) {
                    String what = similarity.spec().type() + (parallel ? " parallel" : " sequential") + ", query " + q;
                    assertEquals(reference.search(queries.get(q), 10), batch.get(q), what);
                    assertEquals(batch.get(q), index.search(queries.get(q), 10), what);
                }
            }
        }
    }

    @TempDir
    Path dir;

    /**
     * Dimensions 1, 3, 16, 17 and 512 (the last three over several blocks, so the parallel split
     * runs), with
     * duplicated vectors (ties), a zero vector, removed rows and rows added after removals;
     * batches of 1, 2, 6 and 9 queries (the kernels' four-query groups and their remainders,
     * mixed with a zero query that cosine scores exactly), k above the size; scalar and Vector
     * API kernels, sequential and parallel.
     */
    @Test
    void smallAndLargeDimensionsMatchTheNaiveLoopWithBothKernels() {
        int[][] shapes = {{1, 3_000}, {3, 3_000}, {16, 9_000}, {17, 8_000}, {512, 400}};
        for (int[] shape : shapes) {
            int dimension = shape[0];
            int n = shape[1];
            for (Similarity similarity : List.of(COSINE, EUCLIDEAN, MANHATTAN)) {
                Random random = new Random(dimension * 31L + n);
                Reference reference = new Reference(similarity);
                List<ExactScanIndex> indexes = new ArrayList<>();
                for (RowTiles tiles : List.of(RowTiles.scalar(), RowTiles.preferred())) {
                    indexes.add(new ExactScanIndex(dimension, similarity, false, tiles));
                    indexes.add(new ExactScanIndex(dimension, similarity, true, tiles));
                }
                List<float[]> stored = fill(random, dimension, n, reference, indexes);
                List<float[]> queries = new ArrayList<>();
                for (int q = 0; q < 7; q++) {
                    queries.add(gaussian(random, dimension));
                }
                queries.add(stored.get(5).clone()); // a tie at distance 0 with its duplicates
                queries.add(new float[dimension]);
                List<List<Neighbor>> expected = new ArrayList<>();
                for (float[] query : queries) {
                    expected.add(reference.search(query, 10));
                }
                for (ExactScanIndex index : indexes) {
                    String what = similarity.spec().type() + " d=" + dimension + " " + index;
                    assertEquals(reference.size(), index.size(), what);
                    List<List<Neighbor>> batch = index.searchAll(queries, 10);
                    assertEquals(expected, batch, what);
                    assertEquals(batch.subList(0, 6), index.searchAll(queries.subList(0, 6), 10), what);
                    assertEquals(batch.subList(7, 9), index.searchAll(queries.subList(7, 9), 10), what);
                    assertEquals(batch.get(3), index.search(queries.get(3), 10), what);
                    assertEquals(batch.get(8), index.search(queries.get(8), 10), what);
                }
                List<Neighbor> all = reference.search(queries.get(0), n + 100);
                for (ExactScanIndex index : indexes) {
                    assertEquals(all, index.search(queries.get(0), n + 100));
                }
            }
        }
    }

    /**
     * A mapped store (saved, then loaded with {@link ExactScanFile#map}) with removed mapped
     * rows and added heap rows, at a small and a large dimension.
     */
    @Test
    void aMappedStoreWithDeadRowsMatchesTheNaiveLoop() throws IOException {
        for (int[] shape : new int[][] {{16, 9_000}, {512, 300}}) {
            int dimension = shape[0];
            for (Similarity similarity : List.of(COSINE, EUCLIDEAN, MANHATTAN)) {
                Random random = new Random(dimension);
                Reference reference = new Reference(similarity);
                ExactScanIndex saved = new ExactScanIndex(dimension, similarity);
                fill(random, dimension, shape[1], reference, List.of(saved));
                Path directory = dir.resolve(similarity.spec().type() + dimension);
                java.nio.file.Files.createDirectories(directory);
                saved.save(StoreDirectory.local(directory));
                ExactScanIndex mapped = ExactScanFile.map(StoreDirectory.local(directory), similarity);
                for (long id = 1; id < 600; id += 5) {
                    assertEquals(reference.contains(id), mapped.remove(id));
                    if (reference.contains(id)) {
                        reference.remove(id);
                    }
                }
                for (int i = 0; i < 40; i++) {
                    float[] v = gaussian(random, dimension);
                    mapped.add(1_000_000L + i, v);
                    reference.add(1_000_000L + i, v);
                }
                List<float[]> queries = List.of(gaussian(random, dimension), gaussian(random, dimension),
                        gaussian(random, dimension), gaussian(random, dimension), gaussian(random, dimension));
                List<List<Neighbor>> batch = mapped.searchAll(queries, 12);
                for (int q = 0; q < queries.size(); q++) {
                    assertEquals(reference.search(queries.get(q), 12), batch.get(q));
                    assertEquals(batch.get(q), mapped.search(queries.get(q), 12));
                }
            }
        }
    }

    /** Adds n vectors (every tenth a copy of an earlier one, one zero), removes every 13th, adds 50. */
    private static List<float[]> fill(Random random, int dimension, int n, Reference reference,
            List<ExactScanIndex> indexes) {
        List<float[]> stored = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            float[] v = i % 10 == 9 ? stored.get(random.nextInt(stored.size())) : gaussian(random, dimension);
            if (i == n / 2) {
                v = new float[dimension];
            }
            stored.add(v);
            reference.add(i, v);
            for (ExactScanIndex index : indexes) {
                index.add(i, v);
            }
        }
        for (int i = 0; i < Math.min(n, 2_000); i += 13) {
            reference.remove(i);
            for (ExactScanIndex index : indexes) {
                index.remove(i);
            }
        }
        for (int i = 0; i < 50; i++) {
            float[] v = gaussian(random, dimension);
            reference.add(n + i, v);
            for (ExactScanIndex index : indexes) {
                index.add(n + i, v);
            }
        }
        return stored;
    }

    @Test
    void removalsAcrossManySmallChunksKeepTheStoreConsistent() {
        int dimension = 3_000; // 21 rows per chunk
        Random random = new Random(5);
        for (Similarity similarity : List.of(COSINE, EUCLIDEAN)) {
            Reference reference = new Reference(similarity);
            ExactScanIndex index = new ExactScanIndex(dimension, similarity);
            for (int i = 0; i < 400; i++) {
                float[] v = gaussian(random, dimension);
                index.add(i, v);
                reference.add(i, v);
            }
            for (int i = 0; i < 400; i += 3) {
                index.remove(i);
                reference.remove(i);
            }
            for (int i = 400; i < 430; i++) {
                float[] v = gaussian(random, dimension);
                index.add(i, v);
                reference.add(i, v);
            }
            assertEquals(reference.size(), index.size());
            for (int i = 0; i < 430; i++) {
                assertEquals(reference.contains(i), index.contains(i));
            }
            float[] query = gaussian(random, dimension);
            assertEquals(reference.search(query, 25), index.search(query, 25));
            assertEquals(reference.search(query, 1_000), index.search(query, 1_000));
        }
    }

    @Test
    void manyEqualDistancesRankByIdAsTheNaiveLoopDoes() {
        for (Similarity similarity : List.of(COSINE, EUCLIDEAN, MANHATTAN)) {
            Reference reference = new Reference(similarity);
            ExactScanIndex index = new ExactScanIndex(4, similarity);
            Random random = new Random(11);
            float[][] distinct = {{1, 0, 0, 0}, {2, 0, 0, 0}, {0, 1, 1, 0}, {1, 1, 1, 1}, {0, 0, 0, 0}};
            for (int i = 0; i < 30_000; i++) {
                long id = random.nextInt(1 << 30);
                if (!index.contains(id)) {
                    float[] v = distinct[random.nextInt(distinct.length)];
                    index.add(id, v);
                    reference.add(id, v);
                }
            }
            for (float[] query : distinct) {
                assertEquals(reference.search(query, 15), index.search(query, 15), similarity.spec().type());
            }
        }
    }

    @Test
    void anEmptyIndexAndAHugeKNeedNoHugeBuffers() {
        ExactScanIndex index = new ExactScanIndex(3, COSINE);
        assertEquals(List.of(), index.search(new float[] {1, 2, 3}, Integer.MAX_VALUE));
        assertEquals(List.of(List.of(), List.of()),
                index.searchAll(List.of(new float[] {1, 2, 3}, new float[3]), Integer.MAX_VALUE));
        index.add(4, new float[] {1, 0, 0});
        assertEquals(List.of(new Neighbor(4, 0.0)), index.search(new float[] {2, 0, 0}, Integer.MAX_VALUE));
        assertEquals(List.of(), index.searchAll(List.of(), 3));
    }

    @Test
    void extremeNormsFallBackToTheExactDistance() {
        Reference reference = new Reference(COSINE);
        ExactScanIndex index = new ExactScanIndex(3, COSINE);
        float[][] vectors = {{1e35f, 2e35f, -1e35f}, {3e-38f, 1e-39f, 0}, {1, 2, 3}, {Float.NaN, 1, 1}, {-1, -2, -3}};
        for (int i = 0; i < vectors.length; i++) {
            index.add(i, vectors[i]);
            reference.add(i, vectors[i]);
        }
        for (float[] query : vectors) {
            assertEquals(reference.search(query, 5), index.search(query, 5));
        }
    }

    private static float[] gaussian(Random random, int dimension) {
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = (float) random.nextGaussian();
        }
        return v;
    }

    /** The naive loop: a list of (id, vector), every distance computed, sorted. */
    private static final class Reference {
        private final Similarity similarity;
        private final List<Long> ids = new ArrayList<>();
        private final List<float[]> vectors = new ArrayList<>();

        Reference(Similarity similarity) {
            this.similarity = similarity;
        }

        void add(long id, float[] v) {
            ids.add(id);
            vectors.add(v.clone());
        }

        void remove(long id) {
            int i = ids.indexOf(id);
            ids.remove(i);
            vectors.remove(i);
        }

        boolean contains(long id) {
            return ids.contains(id);
        }

        int size() {
            return ids.size();
        }

        List<Neighbor> search(float[] query, int k) {
            List<Neighbor> all = new ArrayList<>();
            for (int i = 0; i < ids.size(); i++) {
                all.add(new Neighbor(ids.get(i), similarity.distance(query, vectors.get(i))));
            }
            all.sort(null);
            return all.subList(0, Math.min(k, all.size()));
        }
    }
}
