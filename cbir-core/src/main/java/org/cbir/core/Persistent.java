package org.cbir.core;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A component with learned or stored state (a trained network, a fitted PCA, an index's
 * vectors) that writes that state into a directory of its own when the pipeline is saved.
 * Files must be written with {@link org.cbir.core.internal.io.ChecksummedFiles} so that a truncated or
 * altered file is refused on load.
 */
public interface Persistent {

    /**
     * Writes this component's state into {@code directory}, which exists and is empty; the
     * caller makes the whole save atomic.
     */
    void save(Path directory) throws IOException;
}
