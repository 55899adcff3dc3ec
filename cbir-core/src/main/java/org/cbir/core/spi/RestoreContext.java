package org.cbir.core.spi;

import java.nio.file.NoSuchFileException;
import java.util.Objects;
import java.util.Optional;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Similarity;
import org.cbir.core.io.StoreDirectory;

/**
 * What a {@link ComponentType.Restorer} gets besides the spec: the store directory where the
 * component's {@link org.cbir.core.Persistent#save} wrote its state, when it saved one; the
 * similarity that ranks a saved index; whether a saved index should map its files rather than
 * read them onto the heap; and the registry, to restore the parts of a composite component (a
 * fusion of extractors) by the same rules. Immutable: each {@code with} returns a new context.
 */
public final class RestoreContext {
    private final ComponentRegistry registry;
    private final StoreDirectory state;
    private final Similarity similarity;
    private final boolean mapFiles;

    private RestoreContext(ComponentRegistry registry, StoreDirectory state, Similarity similarity, boolean mapFiles) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.state = state;
        this.similarity = similarity;
        this.mapFiles = mapFiles;
    }

    /** A context without saved state, similarity or mapping. */
    public static RestoreContext stateless(ComponentRegistry registry) {
        return new RestoreContext(registry, null, null, false);
    }

    /** A context whose component saved its state in {@code state}. */
    public static RestoreContext withState(ComponentRegistry registry, StoreDirectory state) {
        return new RestoreContext(registry, Objects.requireNonNull(state, "state"), null, false);
    }

    /** This context with the component's saved state in {@code directory}. */
    public RestoreContext withState(StoreDirectory directory) {
        return new RestoreContext(registry, Objects.requireNonNull(directory, "directory"), similarity, mapFiles);
    }

    /** This context with {@code rank} as the similarity of a saved index. */
    public RestoreContext withSimilarity(Similarity rank) {
        return new RestoreContext(registry, state, Objects.requireNonNull(rank, "rank"), mapFiles);
    }

    /**
     * This context asking a saved index to map its vectors read-only from their files (where the
     * store is local, {@link StoreDirectory#localPath}, and the type can) instead of reading them
     * onto the heap; how an index is held is not part of its spec.
     */
    public RestoreContext withMappedFiles(boolean map) {
        return new RestoreContext(registry, state, similarity, map);
    }

    /** The registry that is restoring the component. */
    public ComponentRegistry registry() {
        return registry;
    }

    /** The component's state directory, or empty when it saved none (an untrained network). */
    public Optional<StoreDirectory> state() {
        return Optional.ofNullable(state);
    }

    /** Whether a saved index should map its files ({@link #withMappedFiles}). */
    public boolean mapFiles() {
        return mapFiles;
    }

    /**
     * The component's state directory, for a type that cannot be rebuilt without one.
     *
     * @throws NoSuchFileException naming the component when there is none
     */
    public StoreDirectory requireState(ComponentSpec spec) throws NoSuchFileException {
        if (state == null) {
            throw new NoSuchFileException(spec.toString(), null, "the " + spec.type()
                    + " component cannot be restored without the state that its save wrote");
        }
        return state;
    }

    /**
     * The similarity of a saved index.
     *
     * @throws IllegalStateException naming the component when the context has none
     */
    public Similarity requireSimilarity(ComponentSpec spec) {
        if (similarity == null) {
            throw new IllegalStateException("the saved " + spec.type() + " index cannot be restored without"
                    + " its similarity (RestoreContext.withSimilarity)");
        }
        return similarity;
    }
}
