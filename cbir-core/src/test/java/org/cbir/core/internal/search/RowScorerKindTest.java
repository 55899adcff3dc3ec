package org.cbir.core.internal.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cbir.core.ComponentSpec;
import org.cbir.core.Similarity;
import org.cbir.core.SimilarityKind;
import org.junit.jupiter.api.Test;

/** The scan picks its fast path by the similarity's kind, never by its class or type name. */
class RowScorerKindTest {
    private static final float[] QUERY = {1, 2, 3};

    private record Named(String type, SimilarityKind kind) implements Similarity {
        @Override
        public ComponentSpec spec() {
            return ComponentSpec.of(type);
        }

        @Override
        public double distance(float[] a, float[] b) {
            return Math.abs(a[0] - b[0]);
        }
    }

    private static RowScorer.Kind scorerKind(Similarity similarity) {
        return RowScorer.of(similarity, new RowStore(3, ExactScanIndex.checksNorms(similarity)), QUERY).kind();
    }

    @Test
    void theKindChoosesThePath() {
        assertEquals(RowScorer.Kind.COSINE, scorerKind(new CosineDistance()));
        assertEquals(RowScorer.Kind.COSINE, scorerKind(new Named("my-cosine", SimilarityKind.COSINE)));
        assertEquals(RowScorer.Kind.SQUARED_EUCLIDEAN, scorerKind(new Named("my-l2", SimilarityKind.EUCLIDEAN)));
    }

    @Test
    void aTypeNameAloneEarnsNoFastPath() {
        assertEquals(RowScorer.Kind.EXACT, scorerKind(new Named("euclidean", SimilarityKind.OTHER)));
        assertEquals(RowScorer.Kind.EXACT, scorerKind(new Named("cosine", SimilarityKind.OTHER)));
        assertEquals(RowScorer.Kind.EXACT, scorerKind(new Named("dot", SimilarityKind.DOT_PRODUCT)));
    }
}
