package org.cbir.core.spi;

import java.io.IOException;
import java.util.Objects;
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
 * @param role the part of a pipeline the type fills
 * @param name the type's name, as {@link ComponentSpec#type()} spells it
 * @param restorer rebuilds a component of the type
 * @param <T> the role's component type
 */
public record ComponentType<T>(ComponentRole<T> role, String name, Restorer<T> restorer) {

    /** Rebuilds one component from its spec; stateless types ignore {@code context}. */
    @FunctionalInterface
    public interface Restorer<T> {
        /**
         * @throws IllegalArgumentException if a parameter of {@code spec} is missing or invalid
         * @throws IOException if the saved state cannot be read or is corrupt
         */
        T restore(ComponentSpec spec, RestoreContext context) throws IOException;
    }

    public ComponentType {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(restorer, "restorer");
        if (Objects.requireNonNull(name, "name").isBlank()) {
            throw new IllegalArgumentException("a component type needs a name");
        }
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
