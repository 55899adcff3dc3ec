package org.cbir.core.internal.search;

import java.io.IOException;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Index;
import org.cbir.core.IndexFactory;
import org.cbir.core.Similarity;
import org.cbir.core.io.StoreDirectory;

/**
 * The exact scan, the recipe of {@link ExactScanIndex}es: the pipeline's default index. Immutable and
 * thread-safe.
 *
 * <p>Two ways to {@link #load} a saved index, with the same results: onto the heap, or mapped
 * read-only from the file, so that an index larger than the heap (4 million 1,536-float
 * signatures are 24 GB) is still searchable, at the speed the page cache and disk allow. Both
 * record the same {@link #spec()}: how an index is held is not part of what it computes.
 */
public final class ExactScan implements IndexFactory {
    /** The exact scan, {@link IndexFactory#exact()}. */
    public static final ExactScan DEFAULT = new ExactScan();

    /** The exact scan; all instances are equal ({@link #DEFAULT}). */
    public ExactScan() {
    }

    /** The factory of {@code spec}, which must be {@link #spec()}. */
    public static ExactScan fromSpec(ComponentSpec spec) {
        spec.requireNoParameters(ExactScanIndex.TYPE);
        return DEFAULT;
    }

    @Override
    public ComponentSpec spec() {
        return ComponentSpec.of(ExactScanIndex.TYPE);
    }

    @Override
    public Index create(int dimension, Similarity similarity) {
        return new ExactScanIndex(dimension, similarity);
    }

    /**
     * The index that {@link Index#save} wrote to {@code directory}: the saved-index restorer that
     * {@code CoreComponents} registers. With {@code mapped}, the vectors are memory-mapped instead of
     * read onto the heap (files saved before format version 2 are still read onto the heap).
     * Opening reads the file sequentially twice to check its CRC-32 (the format is described in
     * the package-private {@code ExactScanFile}), and under cosine once more to check that no
     * vector has an extreme norm; the ids and their hash table stay on the heap (13 to 15.5 bytes
     * per vector). Vectors added after the load live on the heap; removed ones are skipped until
     * the index is saved again. A pipeline gets this with
     * {@code RetrievalPipeline.load(directory, LoadOptions.defaults().withMappedIndexFiles(true))}.
     *
     * @throws org.cbir.core.io.CorruptFileException if the file is truncated, altered, or of
     *     another format version
     */
    public static Index load(StoreDirectory directory, Similarity similarity, boolean mapped) throws IOException {
        return mapped ? ExactScanFile.map(directory, similarity) : ExactScanFile.read(directory, similarity);
    }

    @Override
    public String toString() {
        return ExactScanIndex.TYPE;
    }
}
