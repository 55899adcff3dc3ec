package org.cbir.core.internal.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.LongPredicate;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Index;
import org.cbir.core.IndexFactory;
import org.cbir.core.Neighbor;
import org.cbir.core.RecordFilter;
import org.cbir.core.Similarity;
import org.cbir.core.io.StoreDirectory;
import org.junit.jupiter.api.Test;

/** Filtered searches against a naive loop over the accepted vectors only. */
class FilteredSearchTest {
    private static final Similarity COSINE = Similarity.cosine();
    private static final long SEED = 20261202L;
    /** Any non-trivial condition: the id predicate is what the indexes test. */
    private static final RecordFilter SOME_CONDITION = RecordFilter.where("run", "r");

    @Test
    void exactScanSkipsRejectedVectorsInSmallAndParallelScans() {
        for (int n : new int[] {300, 20_000}) {
            Fixture f = new Fixture(n, 5, SEED + n);
            // a selective filter (one id in 37) and a broad one (two thirds)
            for (LongPredicate accepts : List.<LongPredicate>of(id -> id % 37 == 3, id -> id % 3 != 0)) {
                f.checkAgainstNaive(f.index, accepts);
            }
        }
    }

    @Test
    void defaultOverRequestFindsTheFilteredTopKOfAnIndexWithoutItsOwnFilter() {
        Fixture f = new Fixture(2_000, 6, SEED);
        Index plain = new SearchOnly(f.index);
        f.checkAgainstNaive(plain, id -> id % 3 != 0);      // found in the first request
        f.checkAgainstNaive(plain, id -> id % 401 == 17);   // needs several requests, up to the whole index
    }

    @Test
    void fewerMatchesThanKReturnsAllOfThem() {
        Fixture f = new Fixture(500, 4, SEED + 1);
        List<Neighbor> found = f.index.search(f.vectors.get(0), 10, new Index.Filter(SOME_CONDITION, id -> id == 1004));
        assertEquals(1, found.size());
        assertEquals(1004L, found.get(0).id());
        assertTrue(new SearchOnly(f.index).search(f.vectors.get(0), 10, new Index.Filter(SOME_CONDITION, id -> false)).isEmpty());
    }

    private static final class Fixture {
        final Index index;
        final List<float[]> vectors = new ArrayList<>();
        final Random random;
        final int dimension;

        Fixture(int n, int dimension, long seed) {
            this.random = new Random(seed);
            this.dimension = dimension;
            this.index = IndexFactory.exact().create(dimension, COSINE);
            for (int i = 0; i < n; i++) {
                float[] v = random();
                vectors.add(v);
                index.add(1000L + i, v);
            }
        }

        void checkAgainstNaive(Index searched, LongPredicate accepts) {
            for (int q = 0; q < 4; q++) {
                float[] query = random();
                List<Neighbor> naive = new ArrayList<>();
                for (int i = 0; i < vectors.size(); i++) {
                    if (accepts.test(1000L + i)) {
                        naive.add(new Neighbor(1000L + i, COSINE.distance(query, vectors.get(i))));
                    }
                }
                naive.sort(Comparator.naturalOrder());
                List<Neighbor> expected = naive.subList(0, Math.min(10, naive.size()));
                assertEquals(expected, searched.search(query, 10, new Index.Filter(SOME_CONDITION, accepts)),
                        "seed " + SEED);
            }
        }

        float[] random() {
            float[] v = new float[dimension];
            for (int j = 0; j < dimension; j++) {
                v[j] = (float) random.nextGaussian();
            }
            return v;
        }
    }

    /** An index that has only plain searches, so that filtered ones take the default over-request. */
    private record SearchOnly(Index inner) implements Index {
        @Override
        public ComponentSpec spec() {
            return inner.spec();
        }

        @Override
        public int dimension() {
            return inner.dimension();
        }

        @Override
        public int size() {
            return inner.size();
        }

        @Override
        public void add(long id, float[] vector) {
            inner.add(id, vector);
        }

        @Override
        public boolean remove(long id) {
            return inner.remove(id);
        }

        @Override
        public boolean contains(long id) {
            return inner.contains(id);
        }

        @Override
        public Optional<float[]> vector(long id) {
            return inner.vector(id);
        }

        @Override
        public List<Neighbor> search(float[] query, int k) {
            return inner.search(query, k);
        }

        @Override
        public void save(StoreDirectory directory) throws IOException {
            inner.save(directory);
        }
    }
}
