package org.cbir.core.spi;

import java.util.List;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.IndexFactory;
import org.cbir.core.Reducer;
import org.cbir.core.Similarity;

/**
 * One of the four parts of a pipeline that a saved store names by a {@link org.cbir.core.ComponentSpec}
 * and a {@link ComponentRegistry} restores: the extractor, the similarity, the reducer recipe and
 * the index factory. A role fixes the Java type that its components have, so that a restored
 * component is of the right kind by construction rather than by a check after the fact. The
 * type names of two roles are separate: an index and a reducer may share a name. Immutable.
 *
 * @param <T> the type of the role's components
 */
public final class ComponentRole<T> {
    /** Feature extractors; a trained one is restored with its saved state. */
    public static final ComponentRole<FeatureExtractor> EXTRACTOR = new ComponentRole<>("extractor", FeatureExtractor.class);
    /** Similarities (distances) that rank signatures. */
    public static final ComponentRole<Similarity> SIMILARITY = new ComponentRole<>("similarity", Similarity.class);
    /** Reducer recipes; their fitted transform comes back through {@link Reducer#load}. */
    public static final ComponentRole<Reducer> REDUCER = new ComponentRole<>("reducer", Reducer.class);
    /** Index factories; their saved index comes back through {@link IndexFactory#load}. */
    public static final ComponentRole<IndexFactory> INDEX = new ComponentRole<>("index", IndexFactory.class);

    private static final List<ComponentRole<?>> ALL = List.of(EXTRACTOR, SIMILARITY, REDUCER, INDEX);

    private final String name;
    private final Class<T> type;

    private ComponentRole(String name, Class<T> type) {
        this.name = name;
        this.type = type;
    }

    /** The four roles, in the order a pipeline's manifest lists them. */
    public static List<ComponentRole<?>> all() {
        return ALL;
    }

    /** The role's name as a saved manifest spells it: {@code extractor}, {@code similarity}... */
    public String name() {
        return name;
    }

    /** The Java type of the role's components. */
    public Class<T> type() {
        return type;
    }

    @Override
    public String toString() {
        return name;
    }
}
