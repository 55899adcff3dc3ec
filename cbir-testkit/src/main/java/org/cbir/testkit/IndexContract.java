package org.cbir.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.LongPredicate;
import org.cbir.core.ImageRecord;
import org.cbir.core.Index;
import org.cbir.core.IndexFactory;
import org.cbir.core.Neighbor;
import org.cbir.core.RecordFilter;
import org.cbir.core.Similarity;
import org.cbir.core.io.StoreDirectory;
import org.cbir.core.spi.ComponentRegistry;
import org.cbir.core.spi.ComponentRole;
import org.cbir.core.spi.RestoreContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every {@link Index} promises, as a JUnit 5 suite: extend it, give the {@link #factory()}
 * under test (and, for an approximate index, its {@link #minimumRecall()}), and every test below
 * runs against it. Data are seeded clusters of {@value #DIMENSION}-d vectors; expectations come
 * from a brute-force scan with {@link Similarity#distance}, not from the index.
 *
 * <p>Checked: additions, lookups and the copies the index hands out; refusals of duplicate ids,
 * wrong dimensions and {@code k < 1}; removal; ranked results (closest first, ties by ascending
 * id, distances by the similarity itself); recall against the brute-force top 10; batch and
 * filtered search; searches concurrent with additions; save and load with identical results and
 * a spec that the registry restores; and the corruption of every saved file.
 */
public abstract class IndexContract {
    /** The dimension of the contract's vectors. */
    protected static final int DIMENSION = 8;
    private static final int QUERIES = 20;

    @TempDir
    Path temporary;

    /** The factory of the index under test. */
    protected abstract IndexFactory factory();

    /** The similarity the index is tested with; cosine by default. */
    protected Similarity similarity() {
        return Similarity.cosine();
    }

    /** The least mean recall@10 the index must reach on the contract's data; 1 (exact) by default. */
    protected double minimumRecall() {
        return 1.0;
    }

    /**
     * How many vectors the larger tests store; 600 by default. An index that changes strategy
     * above some size (quantizes, builds a tree) returns a count above it.
     */
    protected int count() {
        return 600;
    }

    /** Whether the saved index is restored with its files mapped ({@link RestoreContext#withMappedFiles}). */
    protected boolean mapFiles() {
        return false;
    }

    /** The index saved in {@code directory}, restored through the standard registry. */
    protected Index load(StoreDirectory directory) throws IOException {
        ComponentRegistry registry = ComponentRegistry.standard();
        return registry.restore(ComponentRole.SAVED_INDEX, factory().spec(), RestoreContext.withState(registry, directory)
                .withSimilarity(similarity()).withMappedFiles(mapFiles()));
    }

    /** Whether the index saves its vectors locally ({@link Index#save}); an index on a server may not. */
    protected boolean savesLocally() {
        return true;
    }

    /** Seeded vectors around 12 centres, with some exact duplicates to exercise the tie rule. */
    protected static List<float[]> vectors(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] centres = new float[12][DIMENSION];
        for (float[] centre : centres) {
            for (int d = 0; d < DIMENSION; d++) {
                centre[d] = (float) (random.nextDouble() * 2 - 1);
            }
        }
        List<float[]> vectors = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            if (i % 50 == 49) {
                vectors.add(vectors.get(i - 1).clone()); // a duplicate: two ids at the same distance
                continue;
            }
            float[] centre = centres[random.nextInt(centres.length)];
            float[] v = new float[DIMENSION];
            for (int d = 0; d < DIMENSION; d++) {
                v[d] = centre[d] + (float) (random.nextGaussian() * 0.15);
            }
            vectors.add(v);
        }
        return vectors;
    }

    /**
     * An index holding {@code vectors}, each added with its record: one image in five labelled
     * {@value #ACCEPTED_LABEL} (those {@link #accepted} takes), the others {@code "other"}, so
     * that an index which filters in its own engine by {@link Index.Filter#condition()} (a
     * search server that holds the records) sees the same selection as one that tests ids.
     */
    private Index filled(List<float[]> vectors) {
        Index index = factory().create(DIMENSION, similarity());
        for (int i = 0; i < vectors.size(); i++) {
            long id = id(i);
            index.add(new ImageRecord(id, "image-" + i, accepted(id) ? ACCEPTED_LABEL : "other"), vectors.get(i));
        }
        return index;
    }

    /** The label of the images that the filtered search accepts. */
    private static final String ACCEPTED_LABEL = "contract";

    /** Whether the filtered search accepts {@code id}: one image in five. */
    private static boolean accepted(long id) {
        return ((id - 7) / 1_000_003L) % 5 == 0;
    }

    /** Ids are spread out, not 0..n-1, so that an index cannot confuse ids with positions. */
    private static long id(int i) {
        return 1_000_003L * i + 7;
    }

    private List<Neighbor> bruteForce(List<float[]> vectors, float[] query, int k, LongPredicate accepts) {
        List<Neighbor> all = new ArrayList<>();
        for (int i = 0; i < vectors.size(); i++) {
            if (accepts.test(id(i))) {
                all.add(new Neighbor(id(i), similarity().distance(query, vectors.get(i))));
            }
        }
        all.sort(null);
        return all.subList(0, Math.min(k, all.size()));
    }

    private static float[] query(SplittableRandom random, List<float[]> vectors) {
        float[] base = vectors.get(random.nextInt(vectors.size()));
        float[] q = base.clone();
        for (int d = 0; d < q.length; d++) {
            q[d] += (float) (random.nextGaussian() * 0.05);
        }
        return q;
    }

    @Test
    void anEmptyIndexHoldsNothingAndFindsNothing() {
        Index index = factory().create(DIMENSION, similarity());
        assertEquals(0, index.size());
        assertEquals(DIMENSION, index.dimension());
        assertFalse(index.contains(7));
        assertTrue(index.vector(7).isEmpty());
        assertEquals(List.of(), index.search(new float[DIMENSION], 5));
    }

    @Test
    void addedVectorsAreHeldAsCopies() {
        Index index = factory().create(DIMENSION, similarity());
        float[] v = vectors(1, 1).get(0);
        float[] original = v.clone();
        index.add(42, v);
        v[0] = 1e6f; // the caller's array is not the index's
        assertEquals(1, index.size());
        assertTrue(index.contains(42));
        float[] stored = index.vector(42).orElseThrow();
        assertArrayEquals(original, stored, 1e-6f);
        stored[1] = -1e6f; // nor is the returned one
        assertArrayEquals(original, index.vector(42).orElseThrow(), 1e-6f);
    }

    @Test
    void refusesDuplicateIdsWrongDimensionsAndBadK() {
        Index index = factory().create(DIMENSION, similarity());
        index.add(1, new float[DIMENSION]);
        assertThrows(IllegalArgumentException.class, () -> index.add(1, new float[DIMENSION]), "duplicate id");
        assertThrows(IllegalArgumentException.class, () -> index.add(2, new float[DIMENSION + 1]), "dimension");
        assertThrows(IllegalArgumentException.class, () -> index.search(new float[DIMENSION - 1], 1), "query dimension");
        assertThrows(IllegalArgumentException.class, () -> index.search(new float[DIMENSION], 0), "k = 0");
        assertEquals(1, index.size());
    }

    @Test
    void removedVectorsAreGoneFromEveryAnswer() {
        List<float[]> vectors = vectors(count(), 2);
        Index index = filled(vectors);
        Set<Long> removed = new HashSet<>();
        for (int i = 0; i < count(); i += 3) {
            assertTrue(index.remove(id(i)));
            assertFalse(index.remove(id(i)), "a second removal finds nothing");
            removed.add(id(i));
        }
        assertEquals(count() - removed.size(), index.size());
        for (int i = 0; i < count(); i += 3) {
            assertFalse(index.contains(id(i)));
            assertTrue(index.vector(id(i)).isEmpty());
            for (Neighbor n : index.search(vectors.get(i), 10)) {
                assertFalse(removed.contains(n.id()), "search returned removed id " + n.id());
            }
        }
    }

    @Test
    void resultsAreRankedClosestFirstWithTiesByIdAndTrueDistances() {
        List<float[]> vectors = vectors(count(), 3);
        Index index = filled(vectors);
        SplittableRandom random = new SplittableRandom(33);
        for (int q = 0; q < QUERIES; q++) {
            float[] query = q % 4 == 0 ? vectors.get(49 * (q / 4 + 1) - 1) : query(random, vectors); // some hit a duplicate
            List<Neighbor> found = index.search(query, 10);
            assertTrue(found.size() <= 10);
            for (int i = 1; i < found.size(); i++) {
                assertTrue(found.get(i - 1).compareTo(found.get(i)) < 0, "not in (distance, id) order: " + found);
            }
            for (Neighbor n : found) {
                float[] stored = index.vector(n.id()).orElseThrow();
                assertEquals(similarity().distance(query, stored), n.distance(), 1e-6, "distance of id " + n.id());
            }
        }
    }

    @Test
    void recallAtTenAgainstBruteForce() {
        List<float[]> vectors = vectors(count(), 4);
        Index index = filled(vectors);
        SplittableRandom random = new SplittableRandom(44);
        double recall = 0;
        for (int q = 0; q < QUERIES; q++) {
            float[] query = query(random, vectors);
            Set<Long> truth = new HashSet<>();
            bruteForce(vectors, query, 10, id -> true).forEach(n -> truth.add(n.id()));
            long hits = index.search(query, 10).stream().filter(n -> truth.contains(n.id())).count();
            recall += hits / 10.0;
            if (minimumRecall() >= 1.0) {
                assertEquals(bruteForce(vectors, query, 10, id -> true), index.search(query, 10),
                        "an exact index returns the brute-force top 10");
            }
        }
        recall /= QUERIES;
        assertTrue(recall >= minimumRecall(), "mean recall@10 " + recall + " < " + minimumRecall());
    }

    @Test
    void batchSearchEqualsOneQueryAtATime() {
        List<float[]> vectors = vectors(count(), 5);
        Index index = filled(vectors);
        SplittableRandom random = new SplittableRandom(55);
        List<float[]> queries = new ArrayList<>();
        for (int q = 0; q < QUERIES; q++) {
            queries.add(query(random, vectors));
        }
        List<List<Neighbor>> batch = index.searchAll(queries, 7);
        assertEquals(queries.size(), batch.size());
        for (int q = 0; q < queries.size(); q++) {
            assertEquals(index.search(queries.get(q), 7), batch.get(q), "query " + q);
        }
    }

    @Test
    void filteredSearchReturnsOnlyAcceptedIds() {
        List<float[]> vectors = vectors(count(), 6);
        Index index = filled(vectors);
        LongPredicate accepts = IndexContract::accepted; // one image in five, labelled so
        Index.Filter filter = new Index.Filter(RecordFilter.label(ACCEPTED_LABEL), accepts);
        SplittableRandom random = new SplittableRandom(66);
        for (int q = 0; q < QUERIES; q++) {
            float[] query = query(random, vectors);
            List<Neighbor> found = index.search(query, 10, filter);
            assertEquals(10, found.size(), "the index holds more than 10 accepted vectors");
            found.forEach(n -> assertTrue(accepts.test(n.id()), "filtered search returned " + n.id()));
            if (minimumRecall() >= 1.0) {
                assertEquals(bruteForce(vectors, query, 10, accepts), found);
            }
        }
    }

    @Test
    void searchesRunWhileVectorsAreAdded() throws Exception {
        List<float[]> vectors = vectors(count(), 7);
        Index index = filled(vectors.subList(0, count() / 2));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> searches = new ArrayList<>();
            for (int t = 0; t < 3; t++) {
                long seed = t;
                searches.add(pool.submit(() -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    for (int q = 0; q < 200; q++) {
                        List<Neighbor> found = index.search(query(random, vectors), 5);
                        assertTrue(found.size() <= 5);
                    }
                    return null;
                }));
            }
            Future<?> adds = pool.submit(() -> {
                for (int i = count() / 2; i < count(); i++) {
                    index.add(id(i), vectors.get(i));
                }
                return null;
            });
            adds.get();
            for (Future<?> search : searches) {
                search.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(count(), index.size());
    }

    @Test
    void aSavedIndexLoadsWithTheSameAnswersAndItsSpecRestores() throws IOException {
        List<float[]> vectors = vectors(count(), 8);
        Index index = filled(vectors);
        index.remove(id(3));
        IndexFactory restored = ComponentRegistry.standard().restore(ComponentRole.INDEX, factory().spec());
        assertEquals(factory().spec(), restored.spec(), "the registry restores the factory from its spec");
        assertEquals(factory().spec(), index.spec());
        if (!savesLocally()) {
            return;
        }
        StoreDirectory directory = StoreDirectory.local(Files.createDirectory(temporary.resolve("saved")));
        index.save(directory);
        Index loaded = load(directory);
        assertEquals(index.size(), loaded.size());
        assertEquals(index.dimension(), loaded.dimension());
        assertFalse(loaded.contains(id(3)));
        SplittableRandom random = new SplittableRandom(88);
        for (int q = 0; q < QUERIES; q++) {
            float[] query = query(random, vectors);
            assertEquals(index.search(query, 10), loaded.search(query, 10), "query " + q + " after loading");
        }
        loaded.add(id(3), vectors.get(3));
        assertTrue(loaded.contains(id(3)), "a loaded index takes new vectors");
    }

    @Test
    void everySavedFileIsCheckedOnLoad() throws IOException {
        if (!savesLocally()) {
            return;
        }
        Index index = filled(vectors(200, 9));
        Path directory = Files.createDirectory(temporary.resolve("corrupt"));
        index.save(StoreDirectory.local(directory));
        int files = SavedStateCorruption.assertEveryFileIsChecked(directory, this::load);
        assertTrue(files > 0, "the index saved no file");
        assertEquals(index.search(vectors(1, 9).get(0), 3), load(StoreDirectory.local(directory))
                .search(vectors(1, 9).get(0), 3), "the restored files load again");
    }
}
