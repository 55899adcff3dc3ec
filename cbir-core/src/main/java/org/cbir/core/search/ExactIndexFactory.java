package org.cbir.core.search;

import java.io.IOException;
import java.nio.file.Path;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Index;
import org.cbir.core.IndexFactory;
import org.cbir.core.Similarity;

/** Makes {@link ExactIndex}es; the pipeline's default index. Stateless and immutable. */
public final class ExactIndexFactory implements IndexFactory {

    @Override
    public ComponentSpec spec() {
        return ComponentSpec.of(ExactIndex.TYPE);
    }

    @Override
    public Index create(int dimension, Similarity similarity) {
        return new ExactIndex(dimension, similarity);
    }

    @Override
    public Index load(Path directory, Similarity similarity) throws IOException {
        return ExactIndex.load(directory, similarity);
    }

    @Override
    public String toString() {
        return ExactIndex.TYPE;
    }
}
