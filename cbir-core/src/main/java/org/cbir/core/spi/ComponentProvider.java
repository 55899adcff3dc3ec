package org.cbir.core.spi;

import java.util.List;

/**
 * The component types of one module, for the {@link ComponentRegistry} that rebuilds saved
 * pipelines. Each module registers one provider, named {@code <Module>Components}, in
 * {@code META-INF/services/org.cbir.core.spi.ComponentProvider} (and with {@code provides} in its
 * {@code module-info}); a user who writes their own extractor, metric or index does the same, or
 * adds the provider to a registry in code with {@link ComponentRegistry#with}. Implementations
 * are stateless, with a public no-argument constructor.
 */
public interface ComponentProvider {

    /** The types this provider restores, each with its role and its restorer. */
    List<ComponentType<?>> componentTypes();
}
