package org.cbir.core.internal.index;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Index;
import org.cbir.core.IndexView;
import org.cbir.core.Neighbor;

/**
 * The {@link IndexView} of an index that cannot be cast back to the index: what
 * {@link org.cbir.core.RetrievalPipeline#index()} hands out, so that no caller adds or removes
 * vectors behind the pipeline's records. Every call goes to the wrapped index, as it is at the time.
 *
 * @param index the index read
 */
public record ReadOnlyIndex(Index index) implements IndexView {
    public ReadOnlyIndex {
        Objects.requireNonNull(index, "index");
    }

    @Override
    public ComponentSpec spec() {
        return index.spec();
    }

    @Override
    public int dimension() {
        return index.dimension();
    }

    @Override
    public int size() {
        return index.size();
    }

    @Override
    public boolean contains(long id) {
        return index.contains(id);
    }

    @Override
    public Optional<float[]> vector(long id) {
        return index.vector(id);
    }

    @Override
    public List<Neighbor> search(float[] query, int k) {
        return index.search(query, k);
    }

    @Override
    public List<Neighbor> search(float[] query, int k, Index.Filter filter) {
        return index.search(query, k, filter);
    }

    @Override
    public List<List<Neighbor>> searchAll(List<float[]> queries, int k) {
        return index.searchAll(queries, k);
    }

    @Override
    public String toString() {
        return "read-only " + index;
    }
}
