package org.cbir.core.internal.io;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Binds the files under one directory to a {@link SaveId} for the calling thread, while a store is
 * saved or loaded: {@link ChecksummedFiles#write} puts the bound id into the header of every file
 * it writes under the directory, and {@link ChecksummedFiles#read} refuses a file under it whose
 * header carries another id. Components therefore save and load their files as they always do,
 * without knowing about save ids. Outside a scope, a file is written with a fresh random id and
 * read without an id check.
 *
 * <pre>{@code
 * try (SaveScope scope = SaveScope.bind(directory, id)) {
 *     index.save(directory.resolve("index"));
 * }
 * }</pre>
 *
 * <p>Scopes are per thread (a component that wrote its files from another thread would write
 * unbound ids, which the load then refuses: a loud failure, never a silent mix) and do not nest.
 */
public final class SaveScope implements AutoCloseable {
    private static final ThreadLocal<SaveScope> CURRENT = new ThreadLocal<>();

    private final Path directory;
    private final SaveId id;

    private SaveScope(Path directory, SaveId id) {
        this.directory = directory;
        this.id = id;
    }

    /**
     * Binds {@code directory} (and everything under it) to {@code id} on this thread until
     * {@link #close()}.
     *
     * @throws IllegalStateException if this thread already has a scope open
     */
    public static SaveScope bind(Path directory, SaveId id) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(id, "id");
        if (CURRENT.get() != null) {
            throw new IllegalStateException("a save scope is already open on this thread for " + CURRENT.get().directory);
        }
        SaveScope scope = new SaveScope(directory.toAbsolutePath().normalize(), id);
        CURRENT.set(scope);
        return scope;
    }

    /** The id bound to {@code file} on this thread, or {@code null} if no open scope covers it. */
    static SaveId idFor(Path file) {
        SaveScope scope = CURRENT.get();
        return scope != null && file.toAbsolutePath().normalize().startsWith(scope.directory) ? scope.id : null;
    }

    @Override
    public void close() {
        if (CURRENT.get() == this) {
            CURRENT.remove();
        }
    }
}
