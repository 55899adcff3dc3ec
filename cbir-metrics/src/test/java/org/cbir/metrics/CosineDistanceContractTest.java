package org.cbir.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.cbir.core.Similarity;
import org.junit.jupiter.api.Test;

/** Core's cosine distance, offered by {@link Similarity#cosine()}, against the same contract. */
class CosineDistanceContractTest extends SimilarityTestCase {

    @Override
    Similarity metric() {
        return Similarity.cosine();
    }

    @Test
    void isCoresInstance() {
        assertSame(Similarity.cosine(), Similarity.cosine());
        assertSame(Similarity.cosine(), Similarities.byName("cosine"));
    }

    @Test
    void oppositeVectorsAreAtTwo() {
        assertEquals(2.0, metric().distance(new float[] {1, -2}, new float[] {-3, 6}), 1e-12);
    }
}
