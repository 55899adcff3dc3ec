package org.cbir.core;

/**
 * Options of {@link RetrievalPipeline#save(java.nio.file.Path, SaveOption...)}, for what a save
 * refuses by default because it would lose data.
 */
public enum SaveOption {
    /**
     * Lets a pipeline that holds no images replace a saved store that holds some. Without it
     * such a save is refused: an indexing run in which every image was skipped (an unmounted
     * share, a CSV of the wrong format) must not wipe a good store.
     */
    REPLACE_WITH_EMPTY
}
