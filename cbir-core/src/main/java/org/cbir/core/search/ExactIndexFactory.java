package org.cbir.core.search;

import java.io.IOException;
import java.nio.file.Path;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Index;
import org.cbir.core.IndexFactory;
import org.cbir.core.Similarity;

/**
 * Makes {@link ExactIndex}es; the pipeline's default index. Immutable and thread-safe.
 *
 * <p>Two ways to load a saved index, with the same results: {@link #ExactIndexFactory() the
 * default} reads the vectors onto the heap; {@link #mapped()} maps them read-only from the file,
 * so that an index larger than the heap (4 million 1,536-float signatures are 24 GB) is still
 * searchable, at the speed the page cache and disk allow. Both record the same {@link #spec()}:
 * how an index is held is not part of what it computes.
 */
public final class ExactIndexFactory implements IndexFactory {
    private final boolean mapped;

    /** A factory whose loads read the vectors onto the heap. */
    public ExactIndexFactory() {
        this(false);
    }

    private ExactIndexFactory(boolean mapped) {
        this.mapped = mapped;
    }

    /**
     * A factory whose loads memory-map the saved vectors instead of reading them onto the heap
     * (files saved before format version 2 are still read onto the heap). Opening reads the file
     * sequentially twice to check its CRC-32 (the format is described in the package-private
     * {@code ExactIndexFile}), and under cosine once more to check that no vector has an extreme
     * norm; the ids and their hash table stay on the heap (13 to 15.5 bytes per vector). Vectors
     * added after the load live on the heap; removed ones are skipped until the index is saved
     * again. A pipeline gets this with
     * {@code RetrievalPipeline.load(directory, LoadOptions.defaults().withMappedIndexFiles(true))}.
     */
    @Override
    public ExactIndexFactory mapped() {
        return new ExactIndexFactory(true);
    }

    /** A heap-loading factory; {@code spec} must be {@link #spec()}. */
    public static ExactIndexFactory fromSpec(ComponentSpec spec) {
        spec.requireNoParameters(ExactIndex.TYPE);
        return new ExactIndexFactory();
    }

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
        return mapped ? ExactIndexFile.map(directory, similarity) : ExactIndexFile.read(directory, similarity);
    }

    @Override
    public String toString() {
        return mapped ? ExactIndex.TYPE + " (mapped)" : ExactIndex.TYPE;
    }
}
