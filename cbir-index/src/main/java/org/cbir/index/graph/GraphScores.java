package org.cbir.index.graph;

import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.graph.similarity.DefaultSearchScoreProvider;
import io.github.jbellis.jvector.graph.similarity.SearchScoreProvider;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;

/**
 * How JVector scores nodes while it builds the graph: exactly, through
 * {@link GraphVectors#scores(float[])}, which reads the stored rows in place. Replaces JVector's
 * {@code randomAccessScoreProvider}, which reads each candidate as a copied, normalised vector.
 * Thread-safe as {@link GraphVectors}' reads are.
 */
final class GraphScores implements BuildScoreProvider {
    private final GraphVectors vectors;

    GraphScores(GraphVectors vectors) {
        this.vectors = vectors;
    }

    @Override
    public boolean isExact() {
        return true;
    }

    /** The mean of the compared vectors: JVector starts from the node nearest to it. */
    @Override
    public VectorFloat<?> approximateCentroid() {
        return VectorizationProvider.getInstance().getVectorTypeSupport().createFloatVector(vectors.centroid());
    }

    @Override
    public SearchScoreProvider searchProviderFor(VectorFloat<?> vector) {
        return new DefaultSearchScoreProvider(vectors.scores(vector));
    }

    @Override
    public SearchScoreProvider searchProviderFor(int node) {
        return new DefaultSearchScoreProvider(vectors.scores(node));
    }

    @Override
    public SearchScoreProvider diversityProviderFor(int node) {
        return new DefaultSearchScoreProvider(vectors.scores(node));
    }
}
