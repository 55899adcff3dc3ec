package org.cbir.core.spi;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.cbir.core.ComponentSpec;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.Index;
import org.cbir.core.IndexFactory;
import org.cbir.core.Reducer;
import org.cbir.core.Similarity;

/**
 * A component type that a {@link ComponentProvider} restores: its role, its name (the
 * {@link ComponentSpec#type()} it writes) and how to rebuild it from a spec. A provider lists
 * one of these per type, so the names it claims and the code that restores them cannot drift
 * apart:
 *
 * <pre>{@code
 * ComponentType.extractor("row-means", (spec, context) -> new RowMeans(spec.requireInt("rows")))
 * }</pre>
 *
 * <p>A type may also carry a {@link Shorthand}, the short name by which a command line, a GUI or
 * a benchmark chooses it ({@code ivf:1024:4}); {@link ComponentRegistry#fromShorthand} parses it,
 * so that a new type becomes choosable everywhere by being registered.
 *
 * @param role the part of a pipeline the type fills
 * @param name the type's name, as {@link ComponentSpec#type()} spells it
 * @param restorer rebuilds a component of the type
 * @param shorthand the type's short name with positional parameters, if it has one
 * @param <T> the role's component type
 */
public record ComponentType<T>(ComponentRole<T> role, String name, Restorer<T> restorer, Optional<Shorthand> shorthand) {

    /** Rebuilds one component from its spec; stateless types ignore {@code context}. */
    @FunctionalInterface
    public interface Restorer<T> {
        /**
         * @throws IllegalArgumentException if a parameter of {@code spec} is missing or invalid
         * @throws IOException if the saved state cannot be read or is corrupt
         */
        T restore(ComponentSpec spec, RestoreContext context) throws IOException;
    }

    /**
     * A type's short name and positional parameters: {@code name[:P1[:P2...]]} stands for the spec
     * {@code defaults} with its parameters {@code P1, P2, ...} replaced by the values given, in order.
     * The name may itself hold colons ({@code exact:int8}); the longest registered name that
     * prefixes a choice wins.
     *
     * @param name the short name, lower case, e.g. {@code ivf} or {@code exact:int8}
     * @param defaults the spec a bare {@code name} stands for (the type's defaults)
     * @param parameters the names of the spec parameters that positional values set, in order
     */
    public record Shorthand(String name, ComponentSpec defaults, List<String> parameters) {
        public Shorthand {
            Objects.requireNonNull(defaults, "defaults");
            parameters = List.copyOf(parameters);
            if (Objects.requireNonNull(name, "name").isBlank() || !name.equals(name.toLowerCase(Locale.ROOT))
                    || name.startsWith(":") || name.endsWith(":") || name.contains("::")) {
                throw new IllegalArgumentException("a shorthand name is lower case, without empty parts: '" + name + "'");
            }
            for (String parameter : parameters) {
                if (defaults.optional(parameter).isEmpty()) {
                    throw new IllegalArgumentException("the shorthand " + name + " sets '" + parameter
                            + "', which its defaults " + defaults + " do not have");
                }
            }
        }

        /** How a user writes it: {@code ivf[:LISTS[:PROBES]]}. */
        public String usage() {
            StringBuilder text = new StringBuilder(name);
            for (String parameter : parameters) {
                text.append("[:").append(parameter.toUpperCase(Locale.ROOT));
            }
            return text.append("]".repeat(parameters.size())).toString();
        }
    }

    public ComponentType {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(restorer, "restorer");
        Objects.requireNonNull(shorthand, "shorthand");
        if (Objects.requireNonNull(name, "name").isBlank()) {
            throw new IllegalArgumentException("a component type needs a name");
        }
        shorthand.ifPresent(s -> {
            if (!s.defaults().type().equals(name)) {
                throw new IllegalArgumentException("the shorthand " + s.name() + " of type " + name
                        + " has defaults of another type: " + s.defaults());
            }
        });
    }

    /** A type without a shorthand. */
    public ComponentType(ComponentRole<T> role, String name, Restorer<T> restorer) {
        this(role, name, restorer, Optional.empty());
    }

    /**
     * This type, chosen on command lines as {@code name[:P1[:P2...]]}: {@code defaults} with the
     * named {@code parameters} set positionally (see {@link Shorthand}).
     *
     * @throws IllegalArgumentException if {@code defaults} is of another type or lacks a parameter
     */
    public ComponentType<T> withShorthand(String name, ComponentSpec defaults, String... parameters) {
        return new ComponentType<>(role, this.name, restorer, Optional.of(new Shorthand(name, defaults, List.of(parameters))));
    }

    /** An extractor type; a trained extractor reads {@link RestoreContext#state()}. */
    public static ComponentType<FeatureExtractor> extractor(String name, Restorer<FeatureExtractor> restorer) {
        return new ComponentType<>(ComponentRole.EXTRACTOR, name, restorer);
    }

    /** A similarity type. */
    public static ComponentType<Similarity> similarity(String name, Restorer<Similarity> restorer) {
        return new ComponentType<>(ComponentRole.SIMILARITY, name, restorer);
    }

    /** A reducer recipe type. */
    public static ComponentType<Reducer> reducer(String name, Restorer<Reducer> restorer) {
        return new ComponentType<>(ComponentRole.REDUCER, name, restorer);
    }

    /** An index factory type. */
    public static ComponentType<IndexFactory> index(String name, Restorer<IndexFactory> restorer) {
        return new ComponentType<>(ComponentRole.INDEX, name, restorer);
    }

    /** The fitted transform of a reducer type, read from {@link RestoreContext#requireState}. */
    public static ComponentType<Reducer.Fitted> fittedReducer(String name, Restorer<Reducer.Fitted> restorer) {
        return new ComponentType<>(ComponentRole.FITTED_REDUCER, name, restorer);
    }

    /**
     * The saved index of an index type, read from {@link RestoreContext#requireState}, ranked by
     * {@link RestoreContext#requireSimilarity}, mapped where {@link RestoreContext#mapFiles()} asks and the type can.
     */
    public static ComponentType<Index> savedIndex(String name, Restorer<Index> restorer) {
        return new ComponentType<>(ComponentRole.SAVED_INDEX, name, restorer);
    }
}
