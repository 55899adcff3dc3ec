package org.cbir.core.internal.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.cbir.core.io.StoreDirectory;

/**
 * A {@link StoreDirectory} bound to the {@link SaveId} of one save: every operation goes to the
 * wrapped directory, and this one and its sub-directories report the id as their
 * {@link #saveId()}, which {@link ChecksummedFiles} writes into and checks against every file's
 * header. This replaces a thread-local scope: the id travels with the directory object, so a
 * component may write its files from any thread. Immutable and thread-safe.
 */
final class SaveBoundDirectory implements StoreDirectory {
    private final StoreDirectory delegate;
    private final SaveId id;

    SaveBoundDirectory(StoreDirectory delegate, SaveId id) {
        this.delegate = Objects.requireNonNull(delegate, "directory");
        this.id = Objects.requireNonNull(id, "id");
    }

    @Override
    public Path location(String name) {
        return delegate.location(name);
    }

    @Override
    public List<String> list() throws IOException {
        return delegate.list();
    }

    @Override
    public boolean exists(String name) throws IOException {
        return delegate.exists(name);
    }

    @Override
    public OutputStream create(String name) throws IOException {
        return delegate.create(name);
    }

    @Override
    public SeekableByteChannel open(String name) throws IOException {
        return delegate.open(name);
    }

    @Override
    public StoreDirectory directory(String name) {
        return new SaveBoundDirectory(delegate.directory(name), id);
    }

    @Override
    public Optional<Path> localPath(String name) {
        return delegate.localPath(name);
    }

    @Override
    public Optional<UUID> saveId() {
        return Optional.of(id.toUuid());
    }

    @Override
    public void publish(ReplaceCheck check, Writer writer) throws IOException {
        delegate.publish(check, staging -> writer.write(new SaveBoundDirectory(staging, id)));
    }

    @Override
    public StoreDirectory published() throws IOException {
        StoreDirectory found = delegate.published();
        return found == delegate ? this : new SaveBoundDirectory(found, id);
    }

    @Override
    public String toString() {
        return delegate + " (save " + id + ")";
    }
}
