package org.cbir.core.spi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.cbir.core.ComponentSpec;

/**
 * Rebuilds saved pipeline components from their {@link ComponentSpec}s. Each module registers
 * one provider for the extractors, similarities, reducers and index factories it defines, in
 * {@code META-INF/services/org.cbir.core.spi.ComponentProvider}; {@link Components} finds them
 * with {@link java.util.ServiceLoader}. A user who writes their own extractor registers a
 * provider the same way to make pipelines that use it loadable.
 */
public interface ComponentProvider {

    /** The component types this provider rebuilds, e.g. {@code "cosine"}, {@code "exact"}. */
    Set<String> types();

    /**
     * Rebuilds the component that {@code spec} describes: a
     * {@link org.cbir.core.FeatureExtractor}, {@link org.cbir.core.Similarity},
     * {@link org.cbir.core.Reducer} or {@link org.cbir.core.IndexFactory}.
     *
     * @param state the directory where the component's {@link org.cbir.core.Persistent#save}
     *     wrote its state, or {@code null} when it has none (stateless components ignore it)
     * @throws IllegalArgumentException if a parameter is missing or invalid
     * @throws IOException if the state cannot be read or is corrupt
     */
    Object restore(ComponentSpec spec, Path state) throws IOException;
}
