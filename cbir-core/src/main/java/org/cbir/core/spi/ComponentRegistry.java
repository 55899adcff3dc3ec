package org.cbir.core.spi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import org.cbir.core.ComponentSpec;
import org.cbir.core.io.StoreDirectory;

/**
 * The component types a saved pipeline can name, by role, and the one way to rebuild a
 * component from its {@link ComponentSpec} (and its saved state). {@link #standard()} holds the
 * {@link ComponentProvider}s that {@link ServiceLoader} finds ({@code META-INF/services} on the
 * class path, {@code provides} on the module path), scanned once; {@link #with} adds an
 * application's own providers (a plug-in class loader, a framework's container) to a new
 * registry, which the application hands to {@link org.cbir.core.RetrievalPipeline.Builder#registry}.
 *
 * <p>Each (role, name) must have one provider: a type claimed by two provider classes (a user's
 * provider that claims a built-in such as the similarity {@code cosine}, or two versions of one
 * module on the class path) is an error naming both classes. {@link #with} raises it at once;
 * for service-loaded providers it is raised when that type is saved or restored, so that one
 * stray jar does not break the types it does not touch. Immutable and thread-safe.
 */
public final class ComponentRegistry {
    private static final String SERVICE_FILE = "META-INF/services/" + ComponentProvider.class.getName();

    /** Per role, per name, the types of distinct provider classes that claim it, in load order. */
    private final Map<ComponentRole<?>, Map<String, List<Claim>>> byRole;
    private final List<ComponentProvider> providers;

    /** A type and the provider class that claims it. */
    private record Claim(ComponentType<?> type, Class<?> provider) {
    }

    private ComponentRegistry(List<ComponentProvider> providers) {
        this.providers = List.copyOf(providers);
        Map<ComponentRole<?>, Map<String, List<Claim>>> roles = new LinkedHashMap<>();
        for (ComponentRole<?> role : ComponentRole.restorable()) {
            roles.put(role, new LinkedHashMap<>());
        }
        for (ComponentProvider provider : this.providers) {
            for (ComponentType<?> type : provider.componentTypes()) {
                List<Claim> claims = roles.get(type.role()).computeIfAbsent(type.name(), n -> new ArrayList<>());
                if (claims.stream().noneMatch(c -> c.provider().getName().equals(provider.getClass().getName()))) {
                    claims.add(new Claim(type, provider.getClass()));
                }
            }
        }
        roles.replaceAll((role, names) -> Collections.unmodifiableMap(names));
        this.byRole = Collections.unmodifiableMap(roles);
    }

    private static final class Standard {
        static final ComponentRegistry INSTANCE = scan(ComponentRegistry.class.getClassLoader());
    }

    /** The providers that {@link ServiceLoader} finds beside cbir-core, scanned on first use. */
    public static ComponentRegistry standard() {
        return Standard.INSTANCE;
    }

    /** The providers that {@link ServiceLoader} finds through {@code loader} (a plug-in's loader). */
    public static ComponentRegistry scan(ClassLoader loader) {
        List<ComponentProvider> found = new ArrayList<>();
        ServiceLoader.load(ComponentProvider.class, loader).forEach(found::add);
        return new ComponentRegistry(found);
    }

    /** A registry of exactly {@code providers}, without service loading (for tests and containers). */
    public static ComponentRegistry of(ComponentProvider... providers) {
        ComponentRegistry registry = new ComponentRegistry(List.of());
        for (ComponentProvider provider : providers) {
            registry = registry.with(provider);
        }
        return registry;
    }

    /**
     * A new registry with this one's types and those of {@code provider} (adding a provider of a
     * class already present returns this registry).
     *
     * @throws IllegalStateException if another provider class already claims one of its types (the
     *     message names the role, the type and both classes)
     */
    public ComponentRegistry with(ComponentProvider provider) {
        Objects.requireNonNull(provider, "provider");
        if (providers.stream().anyMatch(p -> p.getClass().getName().equals(provider.getClass().getName()))) {
            return this;
        }
        for (ComponentType<?> type : provider.componentTypes()) {
            List<Claim> claims = byRole.get(type.role()).getOrDefault(type.name(), List.of());
            if (!claims.isEmpty()) {
                List<Claim> both = new ArrayList<>(claims);
                both.add(new Claim(type, provider.getClass()));
                throw duplicate(type.role(), type.name(), both);
            }
        }
        List<ComponentProvider> more = new ArrayList<>(providers);
        more.add(provider);
        return new ComponentRegistry(more);
    }

    /** The names of the types this registry restores in {@code role}, sorted. */
    public Set<String> types(ComponentRole<?> role) {
        return Collections.unmodifiableSet(new TreeSet<>(byRole.get(role).keySet()));
    }

    /**
     * Rebuilds the stateless component of {@code spec} (or an untrained one, for a type that
     * trains).
     *
     * @throws IllegalStateException if no provider knows the type (the message lists the known
     *     types of the role and says how to add one), or two provider classes claim it
     * @throws IllegalArgumentException if a parameter of the spec is missing or invalid
     * @throws IOException if the component needed saved state and could not read it
     */
    public <T> T restore(ComponentRole<T> role, ComponentSpec spec) throws IOException {
        return restore(role, spec, RestoreContext.stateless(this));
    }

    /**
     * Rebuilds the component of {@code spec} from the state its save wrote in {@code state}.
     *
     * @throws IOException if the state cannot be read or is corrupt (the message names the file)
     * @see #restore(ComponentRole, ComponentSpec)
     */
    public <T> T restore(ComponentRole<T> role, ComponentSpec spec, StoreDirectory state) throws IOException {
        return restore(role, spec, state == null ? RestoreContext.stateless(this) : RestoreContext.withState(this, state));
    }

    /**
     * Rebuilds the component of {@code spec} with what {@code context} holds: the one path by
     * which a saved pipeline's parts come back, a fitted reducer ({@link ComponentRole#FITTED_REDUCER})
     * and a saved index ({@link ComponentRole#SAVED_INDEX}) included.
     *
     * @throws IOException if the state cannot be read or is corrupt (the message names the file)
     * @see #restore(ComponentRole, ComponentSpec)
     */
    public <T> T restore(ComponentRole<T> role, ComponentSpec spec, RestoreContext context) throws IOException {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(context, "context");
        List<Claim> claims = byRole.get(role).getOrDefault(spec.type(), List.of());
        if (claims.isEmpty()) {
            throw new IllegalStateException("no ComponentProvider knows the " + role + " type '" + spec.type()
                    + "' (known " + role + " types: " + types(role) + "); add the cbir module that defines it, or"
                    + " register a provider in " + SERVICE_FILE + " or with ComponentRegistry.with");
        }
        if (claims.size() > 1) {
            throw duplicate(role, spec.type(), claims);
        }
        @SuppressWarnings("unchecked") // a claim in role's map was listed under that role: its type is a T
        ComponentType<T> type = (ComponentType<T>) claims.get(0).type();
        return Objects.requireNonNull(type.restorer().restore(spec, context),
                () -> claims.get(0).provider().getName() + " restored null for " + spec);
    }

    /**
     * The component that a short choice names, such as {@code ivf:1024:4} or {@code exact:int8}:
     * the type whose {@link ComponentType.Shorthand shorthand} name is the longest prefix of the
     * choice's colon-separated parts (case is ignored), built from the shorthand's defaults with
     * the remaining parts as its positional parameters.
     *
     * @throws IllegalArgumentException naming the choice if no shorthand of the role matches (the
     *     message lists {@link #shorthands}), it has more parameters than the shorthand takes, or a
     *     value is invalid for the type
     */
    public <T> T fromShorthand(ComponentRole<T> role, String choice) {
        Objects.requireNonNull(choice, "choice");
        List<String> parts = List.of(choice.strip().toLowerCase(Locale.ROOT).split(":", -1));
        Claim best = null;
        int bestLength = 0;
        for (Claim claim : shorthandClaims(role)) {
            ComponentType.Shorthand shorthand = claim.type().shorthand().orElseThrow();
            List<String> name = List.of(shorthand.name().split(":"));
            if (name.size() > bestLength && parts.size() >= name.size() && parts.subList(0, name.size()).equals(name)) {
                best = claim;
                bestLength = name.size();
            }
        }
        if (best == null) {
            throw new IllegalArgumentException("unknown " + role + " '" + choice + "'; choose "
                    + String.join(", ", shorthands(role).stream().map(ComponentType.Shorthand::usage).toList()));
        }
        ComponentType.Shorthand shorthand = best.type().shorthand().orElseThrow();
        List<String> values = parts.subList(bestLength, parts.size());
        if (values.size() > shorthand.parameters().size()) {
            int most = shorthand.parameters().size();
            throw new IllegalArgumentException("'" + choice + "': " + shorthand.name() + (most == 0 ? " takes no parameter"
                    : " takes at most " + most + " parameter" + (most == 1 ? "" : "s") + " (" + shorthand.usage() + ")"));
        }
        Map<String, String> parameters = new LinkedHashMap<>(shorthand.defaults().parameters());
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i).isBlank()) {
                throw new IllegalArgumentException("'" + choice + "': " + shorthand.parameters().get(i).toUpperCase(Locale.ROOT)
                        + " is empty (" + shorthand.usage() + ")");
            }
            parameters.put(shorthand.parameters().get(i), values.get(i));
        }
        ComponentSpec spec = new ComponentSpec(shorthand.defaults().type(), parameters);
        try {
            return restore(role, spec);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + choice + "': " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("'" + choice + "' (" + spec + ") could not be built", e);
        }
    }

    /** The shorthands of the types this registry knows in {@code role}, sorted by name. */
    public List<ComponentType.Shorthand> shorthands(ComponentRole<?> role) {
        return shorthandClaims(role).stream().map(c -> c.type().shorthand().orElseThrow())
                .sorted(Comparator.comparing(ComponentType.Shorthand::name)).toList();
    }

    private List<Claim> shorthandClaims(ComponentRole<?> role) {
        Map<String, Claim> byName = new LinkedHashMap<>();
        for (List<Claim> claims : byRole.get(role).values()) {
            for (Claim claim : claims) {
                claim.type().shorthand().ifPresent(s -> {
                    Claim other = byName.putIfAbsent(s.name(), claim);
                    if (other != null) {
                        throw new IllegalStateException("the " + role + " shorthand '" + s.name() + "' is claimed by "
                                + other.provider().getName() + " (type " + other.type().name() + ") and "
                                + claim.provider().getName() + " (type " + claim.type().name() + "); remove one");
                    }
                });
            }
        }
        return List.copyOf(byName.values());
    }

    /**
     * Checks that a {@code component} about to be saved could be restored: one provider knows its
     * type in {@code role}. {@link org.cbir.core.RetrievalPipeline#save} calls it for every part
     * before it writes anything.
     *
     * @throws IllegalStateException if no provider knows it (the message names the component's
     *     class and how to register a provider) or two provider classes claim it
     */
    public void requireRestorable(ComponentRole<?> role, ComponentSpec spec, Object component) {
        List<Claim> claims = byRole.get(role).getOrDefault(spec.type(), List.of());
        if (claims.isEmpty()) {
            throw new IllegalStateException("cannot save: no ComponentProvider knows the " + role + " type '"
                    + spec.type() + "' of " + component.getClass().getName() + ", so the saved pipeline could not"
                    + " be loaded; register a provider for it in " + SERVICE_FILE + " (or provides in module-info),"
                    + " or add it with ComponentRegistry.with and give the registry to the pipeline's builder");
        }
        if (claims.size() > 1) {
            throw duplicate(role, spec.type(), claims);
        }
    }

    private static IllegalStateException duplicate(ComponentRole<?> role, String name, List<Claim> claims) {
        Set<String> classes = new LinkedHashSet<>();
        claims.forEach(c -> classes.add(c.provider().getName()));
        return new IllegalStateException("the " + role + " type '" + name + "' is claimed by more than one provider: "
                + String.join(" and ", classes) + "; remove one (a provider must not claim a type of another module)");
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder("ComponentRegistry");
        byRole.forEach((role, names) -> text.append(' ').append(role).append('=').append(new TreeSet<>(names.keySet())));
        return text.toString();
    }
}
