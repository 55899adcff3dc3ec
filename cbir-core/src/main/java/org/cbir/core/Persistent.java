package org.cbir.core;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A component with learned or stored state (a trained network, a fitted PCA, an index's
 * vectors) that writes that state into a directory of its own when the pipeline is saved.
 * A truncated or altered file must be refused on load, never read as garbage: cbir's own
 * components write checksummed files (the format rules are in {@link org.cbir.core.io}), and the
 * contract suites of {@code cbir-testkit} ({@code SavedStateCorruption}) check any component's
 * loader against truncation, alteration and deletion.
 */
public interface Persistent {

    /**
     * Writes this component's state into {@code directory}, which exists and is empty; the
     * caller makes the whole save atomic.
     */
    void save(Path directory) throws IOException;
}
