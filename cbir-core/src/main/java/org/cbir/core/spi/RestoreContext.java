package org.cbir.core.spi;

import java.nio.file.NoSuchFileException;
import java.util.Objects;
import java.util.Optional;
import org.cbir.core.ComponentSpec;
import org.cbir.core.io.StoreDirectory;

/**
 * What a {@link ComponentType.Restorer} gets besides the spec: the store directory where the
 * component's {@link org.cbir.core.Persistent#save} wrote its state, when it saved one, and the
 * registry, to restore the parts of a composite component (a fusion of extractors) by the
 * same rules. Immutable.
 */
public final class RestoreContext {
    private final ComponentRegistry registry;
    private final StoreDirectory state;

    private RestoreContext(ComponentRegistry registry, StoreDirectory state) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.state = state;
    }

    /** A context without saved state. */
    public static RestoreContext stateless(ComponentRegistry registry) {
        return new RestoreContext(registry, null);
    }

    /** A context whose component saved its state in {@code state}. */
    public static RestoreContext withState(ComponentRegistry registry, StoreDirectory state) {
        return new RestoreContext(registry, Objects.requireNonNull(state, "state"));
    }

    /** The registry that is restoring the component. */
    public ComponentRegistry registry() {
        return registry;
    }

    /** The component's state directory, or empty when it saved none (an untrained network). */
    public Optional<StoreDirectory> state() {
        return Optional.ofNullable(state);
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
}
