package org.cbir.features.fusion;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.cbir.core.ComponentSpec;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.spi.ComponentProvider;
import org.cbir.core.spi.Components;

/**
 * Restores {@link FusedExtractor}s (type {@value FusedExtractor#TYPE}): each part through
 * {@link Components#restore}, so a part may be of any type that some provider on the class
 * path knows, a nested fusion included. Registered in {@code META-INF/services}; stateless and
 * thread-safe.
 */
public final class FusionProvider implements ComponentProvider {

    @Override
    public Set<String> types() {
        return Set.of(FusedExtractor.TYPE);
    }

    /**
     * The fusion {@code spec} describes. Part {@code i} gets {@code state/part-i} as its state
     * when that directory exists (written by {@link FusedExtractor#save}), else {@code null}.
     *
     * @throws IllegalStateException if no provider knows a part's type
     */
    @Override
    public Object restore(ComponentSpec spec, Path state) throws IOException {
        List<FusionSpecs.PartSpec> parts = FusionSpecs.decode(spec);
        FusedExtractor.Builder builder = FusedExtractor.builder();
        for (int i = 0; i < parts.size(); i++) {
            FusionSpecs.PartSpec part = parts.get(i);
            Path partState = state == null ? null : state.resolve(FusedExtractor.stateDirectory(i));
            if (partState != null && !Files.isDirectory(partState)) {
                partState = null;
            }
            builder.add(Components.restore(part.spec(), partState, FeatureExtractor.class),
                    part.weight(), part.normalisation());
        }
        return builder.build();
    }
}
