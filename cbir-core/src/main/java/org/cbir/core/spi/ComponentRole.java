package org.cbir.core.spi;

import java.util.List;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.Index;
import org.cbir.core.IndexFactory;
import org.cbir.core.Reducer;
import org.cbir.core.Similarity;

/**
 * A kind of component that a saved store names by a {@link org.cbir.core.ComponentSpec} and a
 * {@link ComponentRegistry} restores: the extractor, the similarity, the reducer recipe and the
 * index factory (from their specs), and the fitted reducer and the saved index (from the recipe's
 * spec and the saved state). A role fixes the Java type that its components have, so that a restored
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
    /** Reducer recipes, rebuilt from their spec alone; the fitted transform is {@link #FITTED_REDUCER}. */
    public static final ComponentRole<Reducer> REDUCER = new ComponentRole<>("reducer", Reducer.class);
    /** Index factories, rebuilt from their spec alone; the saved index is {@link #SAVED_INDEX}. */
    public static final ComponentRole<IndexFactory> INDEX = new ComponentRole<>("index", IndexFactory.class);
    /**
     * Fitted reducers, restored from the recipe's spec and the state that {@link Reducer.Fitted#save}
     * wrote ({@link RestoreContext#requireState}). Shares the names of {@link #REDUCER}.
     */
    public static final ComponentRole<Reducer.Fitted> FITTED_REDUCER =
            new ComponentRole<>("reducer", Reducer.Fitted.class);
    /**
     * Saved indexes, restored from the factory's spec, the state that {@link Index#save} wrote, the
     * similarity and whether to map the files ({@link RestoreContext}). Shares the names of {@link #INDEX}.
     */
    public static final ComponentRole<Index> SAVED_INDEX = new ComponentRole<>("index", Index.class);

    private static final List<ComponentRole<?>> ALL = List.of(EXTRACTOR, SIMILARITY, REDUCER, INDEX);
    private static final List<ComponentRole<?>> EVERY = List.of(EXTRACTOR, SIMILARITY, REDUCER, INDEX,
            FITTED_REDUCER, SAVED_INDEX);

    private final String name;
    private final Class<T> type;

    private ComponentRole(String name, Class<T> type) {
        this.name = name;
        this.type = type;
    }

    /** The four roles whose specs a pipeline's manifest lists, in its order. */
    public static List<ComponentRole<?>> all() {
        return ALL;
    }

    /** Every role a registry restores: the four of {@link #all()}, then the fitted reducer and the saved index. */
    public static List<ComponentRole<?>> restorable() {
        return EVERY;
    }

    /**
     * The role's name as a saved manifest spells it: {@code extractor}, {@code similarity}...; a
     * saved object's role has the name of its recipe's role.
     */
    public String name() {
        return name;
    }

    /** The Java type of the role's components. */
    public Class<T> type() {
        return type;
    }

    @Override
    public String toString() {
        return this == FITTED_REDUCER ? "fitted reducer" : this == SAVED_INDEX ? "saved index" : name;
    }
}
