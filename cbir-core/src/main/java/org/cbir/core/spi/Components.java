package org.cbir.core.spi;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.cbir.core.ComponentSpec;

/**
 * Finds the {@link ComponentProvider} for a component type and rebuilds the component. Providers
 * come from {@link ServiceLoader} ({@code META-INF/services} on the class path, {@code provides}
 * on the module path) and from {@link #register}, for applications that build their providers
 * themselves (a plug-in class loader, a framework's container).
 *
 * <p>Each type must have one provider: a type claimed by two provider classes (a user's provider
 * that claims a built-in type such as {@code cosine}, or two versions of one module) is an error
 * naming both, raised when that type is saved, loaded or registered, rather than one of them
 * silently winning. Thread-safe.
 */
public final class Components {
    private static final List<ComponentProvider> REGISTERED = new CopyOnWriteArrayList<>();

    private Components() {
    }

    /**
     * Adds a provider beside those of {@link ServiceLoader}, for the rest of the JVM's life
     * (registering an equal provider again is a no-op).
     *
     * @throws IllegalStateException if another provider class already claims one of its types
     *     (the message names the type and both classes)
     */
    public static synchronized void register(ComponentProvider provider) {
        Class<?> type = provider.getClass();
        if (REGISTERED.contains(provider)) {
            return;
        }
        Map<String, List<ComponentProvider>> known = providers();
        for (String claimed : provider.types()) {
            for (ComponentProvider other : known.getOrDefault(claimed, List.of())) {
                if (other.getClass() != type) {
                    throw duplicate(claimed, List.of(other, provider));
                }
            }
        }
        REGISTERED.add(provider);
    }

    /**
     * Checks that a saved {@code component} could be loaded again: one provider knows its type.
     * {@link org.cbir.core.RetrievalPipeline#save} calls it for every part before it writes.
     *
     * @throws IllegalStateException if no provider knows {@code spec.type()} (the message names the
     *     component's class and how to register a provider) or two provider classes claim it
     */
    public static void requireRestorable(ComponentSpec spec, Class<?> role, Object component) {
        List<ComponentProvider> candidates = providers().getOrDefault(spec.type(), List.of());
        if (candidates.isEmpty()) {
            throw new IllegalStateException("cannot save: no ComponentProvider knows the " + role.getSimpleName()
                    + " type '" + spec.type() + "' of " + component.getClass().getName()
                    + ", so the saved pipeline could not be loaded; register a provider for it in META-INF/services/"
                    + ComponentProvider.class.getName() + " (or provides in module-info), or call Components.register");
        }
        if (candidates.size() > 1) {
            throw duplicate(spec.type(), candidates);
        }
    }

    /**
     * Rebuilds the component of {@code spec} and checks that it is a {@code role}.
     *
     * @param <T> the role's type
     * @param spec the saved type and parameters
     * @param state the component's saved state, or {@code null}
     * @param role what the component must be: {@code FeatureExtractor.class}, {@code Similarity.class}...
     * @return the rebuilt component
     * @throws IllegalStateException if no provider knows the type (the message lists the known types
     *     and says which module or registration is missing), or two provider classes claim it
     * @throws IOException if the provider cannot read the state
     */
    public static <T> T restore(ComponentSpec spec, Path state, Class<T> role) throws IOException {
        Map<String, List<ComponentProvider>> providers = providers();
        List<ComponentProvider> candidates = providers.getOrDefault(spec.type(), List.of());
        if (candidates.isEmpty()) {
            throw new IllegalStateException("no ComponentProvider on the class path knows the "
                    + role.getSimpleName() + " type '" + spec.type() + "' (known: "
                    + new TreeSet<>(providers.keySet()) + "); add the cbir module that defines it,"
                    + " or register your own provider in META-INF/services/" + ComponentProvider.class.getName()
                    + " or with Components.register");
        }
        if (candidates.size() > 1) {
            throw duplicate(spec.type(), candidates);
        }
        Object component = candidates.get(0).restore(spec, state);
        if (!role.isInstance(component)) {
            throw new IllegalStateException("component type '" + spec.type() + "' is a "
                    + component.getClass().getName() + ", not a " + role.getSimpleName());
        }
        return role.cast(component);
    }

    private static IllegalStateException duplicate(String type, List<ComponentProvider> claimants) {
        Set<String> names = new LinkedHashSet<>();
        claimants.forEach(p -> names.add(p.getClass().getName()));
        return new IllegalStateException("the component type '" + type + "' is claimed by more than one provider: "
                + String.join(" and ", names) + "; remove one (a provider must not claim a type of another module)");
    }

    /** Per type, the providers of distinct classes that claim it, service-loaded ones first. */
    private static Map<String, List<ComponentProvider>> providers() {
        Map<String, List<ComponentProvider>> byType = new LinkedHashMap<>();
        List<ComponentProvider> all = new ArrayList<>();
        ServiceLoader.load(ComponentProvider.class).forEach(all::add);
        all.addAll(REGISTERED);
        for (ComponentProvider provider : all) {
            for (String type : provider.types()) {
                List<ComponentProvider> claimants = byType.computeIfAbsent(type, t -> new ArrayList<>());
                if (claimants.stream().noneMatch(p -> p.getClass() == provider.getClass())) {
                    claimants.add(provider);
                }
            }
        }
        return byType;
    }
}
