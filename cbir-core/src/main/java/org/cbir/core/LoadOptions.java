package org.cbir.core;

import java.util.Objects;
import org.cbir.core.spi.ComponentRegistry;

/**
 * How {@link RetrievalPipeline#load(java.nio.file.Path, LoadOptions)} opens a saved pipeline: the
 * threads, batch size and strictness it runs with afterwards, whether the index's vectors are
 * memory-mapped from their files, and the registry that restores the parts. What the pipeline
 * computes (its extractor, reducer, similarity and index type) always comes from the store.
 *
 * @param threads extraction and search threads; at least 1
 * @param batchSize images decoded per batch by later additions; at least 1
 * @param strict whether one unusable image aborts a later {@code addAll}
 * @param mapIndexFiles whether a saved index's vectors are mapped read-only from their files instead
 *     of read onto the heap, where the index type can ({@link org.cbir.core.spi.RestoreContext#mapFiles()}; the exact index
 *     can), so that signatures larger than the heap stay searchable with identical results
 * @param registry the component types the parts are restored with, and later saves checked against
 */
public record LoadOptions(int threads, int batchSize, boolean strict, boolean mapIndexFiles, ComponentRegistry registry) {

    public LoadOptions {
        Objects.requireNonNull(registry, "registry");
        new PipelineOptions(threads, batchSize, strict, registry); // validates
    }

    /** The defaults: as many threads as processors, batches of 256, lenient, on the heap, the standard registry. */
    public static LoadOptions defaults() {
        return new LoadOptions(Runtime.getRuntime().availableProcessors(), 256, false, false,
                ComponentRegistry.standard());
    }

    /** These options with {@code threads} threads. */
    public LoadOptions withThreads(int threads) {
        return new LoadOptions(threads, batchSize, strict, mapIndexFiles, registry);
    }

    /** These options with the index's vectors mapped from their files ({@code true}) or read onto the heap. */
    public LoadOptions withMappedIndexFiles(boolean map) {
        return new LoadOptions(threads, batchSize, strict, map, registry);
    }

    /** These options restoring the parts with {@code registry}. */
    public LoadOptions withRegistry(ComponentRegistry registry) {
        return new LoadOptions(threads, batchSize, strict, mapIndexFiles, registry);
    }

    /** These options with {@code batchSize} and {@code strict} for later additions. */
    public LoadOptions withAdditions(int batchSize, boolean strict) {
        return new LoadOptions(threads, batchSize, strict, mapIndexFiles, registry);
    }

    PipelineOptions pipelineOptions() {
        return new PipelineOptions(threads, batchSize, strict, registry);
    }
}
