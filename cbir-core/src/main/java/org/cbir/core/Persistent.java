package org.cbir.core;

import java.io.IOException;
import org.cbir.core.io.StoreDirectory;

/**
 * A component with learned or stored state (a trained network, a fitted PCA, an index's
 * vectors) that writes that state into a {@link StoreDirectory} of its own when the pipeline is
 * saved.
 * A truncated or altered file must be refused on load, never read as garbage: cbir's own
 * components write checksummed files (the format rules are in {@link org.cbir.core.io}), and the
 * contract suites of {@code cbir-testkit} ({@code SavedStateCorruption}) check any component's
 * loader against truncation, alteration and deletion.
 */
public interface Persistent {

    /**
     * Writes this component's state as new files of {@code directory}, which is empty; the
     * caller makes the whole save atomic ({@link StoreDirectory#publish}). To save one
     * component alone into a local folder, pass {@code StoreDirectory.local(path)} and let the
     * folder be new or empty.
     */
    void save(StoreDirectory directory) throws IOException;
}
