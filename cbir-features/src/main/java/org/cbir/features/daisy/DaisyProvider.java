package org.cbir.features.daisy;

import java.nio.file.Path;
import java.util.Set;
import org.cbir.core.ComponentSpec;
import org.cbir.core.spi.ComponentProvider;

/**
 * Rebuilds {@link DaisyExtractor}s (type {@value DaisyExtractor#TYPE}) from their specs;
 * registered in {@code META-INF/services}. Stateless and thread-safe.
 */
public final class DaisyProvider implements ComponentProvider {

    @Override
    public Set<String> types() {
        return Set.of(DaisyExtractor.TYPE);
    }

    /** The extractor {@code spec} describes; DAISY has no state, so {@code state} is ignored. */
    @Override
    public Object restore(ComponentSpec spec, Path state) {
        return DaisySpecs.extractor(spec);
    }
}
