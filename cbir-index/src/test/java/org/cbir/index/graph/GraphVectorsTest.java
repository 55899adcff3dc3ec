package org.cbir.index.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The graph's scores, read in place from the store, against values worked out by hand. */
class GraphVectorsTest {

    @Test
    void cosineScoresAreHalfOfOnePlusTheCosineAndAZeroVectorScoresAHalf() {
        GraphVectors vectors = new GraphVectors(2, true);
        vectors.append(10, new float[] {3, 4});
        vectors.append(11, new float[] {40, 30}); // unit (0.8, 0.6): cos with (0.6, 0.8) = 0.96
        vectors.append(12, new float[] {0, 0});
        vectors.append(13, new float[] {-6, -8});
        var toFirst = vectors.scores(0);
        assertEquals(1.0, toFirst.similarityTo(0), 1e-6);
        assertEquals((1 + 0.96) / 2, toFirst.similarityTo(1), 1e-6);
        assertEquals(0.5, toFirst.similarityTo(2), 1e-6);
        assertEquals(0.0, toFirst.similarityTo(3), 1e-6);
        assertEquals(0.5, vectors.scores(new float[] {0, 0}).similarityTo(1), 1e-6);
        // the caller's vectors are kept as given, not normalised
        assertArrayEquals(new float[] {40, 30}, vectors.original(1), 0);
    }

    @Test
    void euclideanScoresAreOneOverOnePlusTheSquaredDistance() {
        GraphVectors vectors = new GraphVectors(2, false);
        vectors.append(1, new float[] {0, 0});
        vectors.append(2, new float[] {3, 4});
        assertEquals(1.0 / 26, vectors.scores(0).similarityTo(1), 1e-7);
        assertEquals(1.0, vectors.scores(new float[] {3, 4}).similarityTo(1), 0);
    }

    @Test
    void theCentroidIsTheMeanOfTheComparedVectorsOverLiveOnes() {
        GraphVectors cosine = new GraphVectors(2, true);
        cosine.append(1, new float[] {2, 0});
        cosine.append(2, new float[] {0, 5});
        cosine.append(3, new float[] {-7, 0});
        cosine.remove(3);
        assertArrayEquals(new float[] {0.5f, 0.5f}, cosine.centroid(), 1e-6f);
        GraphVectors euclidean = new GraphVectors(2, false);
        euclidean.append(1, new float[] {2, 0});
        euclidean.append(2, new float[] {0, 5});
        assertArrayEquals(new float[] {1f, 2.5f}, euclidean.centroid(), 1e-6f);
    }
}
