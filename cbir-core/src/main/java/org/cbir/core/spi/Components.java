package org.cbir.core.spi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;
import org.cbir.core.ComponentSpec;

/** Finds the {@link ComponentProvider} for a component type and rebuilds the component. */
public final class Components {
    private Components() {
    }

    /**
     * Rebuilds the component of {@code spec} and checks that it is a {@code role}.
     *
     * @throws IllegalStateException if no provider on the class path knows the type (the
     *     message lists the known types and says which module or registration is missing)
     */
    public static <T> T restore(ComponentSpec spec, Path state, Class<T> role) throws IOException {
        Map<String, ComponentProvider> providers = providers();
        ComponentProvider provider = providers.get(spec.type());
        if (provider == null) {
            throw new IllegalStateException("no ComponentProvider on the class path knows the "
                    + role.getSimpleName() + " type '" + spec.type() + "' (known: "
                    + new TreeSet<>(providers.keySet()) + "); add the cbir module that defines it,"
                    + " or register your own provider in META-INF/services/" + ComponentProvider.class.getName());
        }
        Object component = provider.restore(spec, state);
        if (!role.isInstance(component)) {
            throw new IllegalStateException("component type '" + spec.type() + "' is a "
                    + component.getClass().getName() + ", not a " + role.getSimpleName());
        }
        return role.cast(component);
    }

    private static Map<String, ComponentProvider> providers() {
        Map<String, ComponentProvider> byType = new HashMap<>();
        for (ComponentProvider provider : ServiceLoader.load(ComponentProvider.class)) {
            for (String type : provider.types()) {
                byType.putIfAbsent(type, provider);
            }
        }
        return byType;
    }
}
