package org.cbir.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.cbir.core.internal.io.LocalDirectory;

/**
 * Where a saved pipeline, index or model keeps its files: a directory of named files and
 * sub-directories, written sequentially and read sequentially or at random positions; in the
 * spirit of Lucene's {@code Directory}. Every save and load of cbir goes through one, so that a
 * store can live elsewhere than on the local file system (HDFS, an object store) by one new
 * implementation; {@link #local(Path)} is the first.
 *
 * <p>What cbir writes into a directory (checksummed files, a manifest; see
 * {@link org.cbir.core.io the format rules}) does not depend on the implementation. A whole save
 * is made atomic by {@link #publish}: the components write into a staging directory, which
 * replaces this one only once it is complete, so that a crash or a failure during a save leaves
 * the previous version loadable ({@link #published()} finds it), and nothing is deleted that a
 * save did not create.
 *
 * <p>File names are single path elements (no separator, not {@code .} or {@code ..});
 * {@link #directory(String)} names a sub-directory. Implementations are thread-safe; the
 * streams and channels they return are not, and belong to the caller, who closes them.
 */
public interface StoreDirectory {

    /** Writes the complete content of a staging directory, which exists and is empty. */
    @FunctionalInterface
    interface Writer {
        /** Writes the new content into {@code staging}. */
        void write(StoreDirectory staging) throws IOException;
    }

    /** Decides whether an existing, non-empty directory may be replaced by a {@link #publish}. */
    @FunctionalInterface
    interface ReplaceCheck {
        /**
         * Returns if {@code existing} is an earlier version that may be replaced; otherwise throws
         * an exception that names it and says why not.
         */
        void requireReplaceable(StoreDirectory existing) throws IOException;
    }

    /**
     * The directory {@code directory} of the local file system; {@link #localPath} gives its
     * files' paths, so that large files can be memory-mapped. Nothing is created until a file
     * is written.
     */
    static StoreDirectory local(Path directory) {
        return LocalDirectory.of(directory);
    }

    /**
     * How errors and logs name the file or sub-directory {@code name} of this directory: its
     * path on the local file system, or a path-like rendering of a remote location
     * ({@code hdfs:/store/index/vectors.bin}). Not necessarily a local file: see {@link #localPath}.
     */
    Path location(String name);

    /**
     * The names of the files and sub-directories directly in this directory, ascending; empty
     * when the directory does not exist.
     */
    List<String> list() throws IOException;

    /** Whether a file or sub-directory {@code name} exists in this directory. */
    default boolean exists(String name) throws IOException {
        return list().contains(name);
    }

    /**
     * A new file {@code name}, written sequentially through the returned stream (unbuffered);
     * this directory (and its parents) is created when missing. The file is durable once the
     * enclosing {@link #publish} returns.
     *
     * @throws java.nio.file.FileAlreadyExistsException if {@code name} exists
     */
    OutputStream create(String name) throws IOException;

    /**
     * Opens the file {@code name} for reading at any position ({@link SeekableByteChannel#position(long)})
     * or from the start; the channel is read-only.
     *
     * @throws java.nio.file.NoSuchFileException naming {@link #location} if there is no such file
     * @throws InvalidFileException if {@code name} is a directory
     */
    SeekableByteChannel open(String name) throws IOException;

    /**
     * Opens the file {@code name} for reading from its start: {@link #open} as a stream
     * (unbuffered), which the caller closes.
     *
     * @throws java.nio.file.NoSuchFileException naming {@link #location} if there is no such file
     */
    default InputStream read(String name) throws IOException {
        return Channels.newInputStream(open(name));
    }

    /**
     * The sub-directory {@code name}, which need not exist yet (a file written into it creates
     * it). It inherits this directory's {@link #saveId()}.
     */
    StoreDirectory directory(String name);

    /**
     * The path of file {@code name} on the local file system, when this directory keeps its
     * files there and the file may be mapped or opened directly (an index larger than the heap
     * maps its vectors); empty otherwise, and then readers fall back to {@link #open}.
     */
    default Optional<Path> localPath(String name) {
        return Optional.empty();
    }

    /**
     * The identity of the save this directory belongs to, while a pipeline is saved or loaded:
     * every checksummed file written into it carries the id in its header, and a file read from
     * it with another id is refused, so that files of two saves are never mixed. Empty outside a
     * save (files then get a random id and are read without that check). Implementations other
     * than cbir's own keep the default: cbir binds the id itself.
     */
    default Optional<UUID> saveId() {
        return Optional.empty();
    }

    /**
     * Replaces this directory's whole content with what {@code writer} writes into a fresh
     * staging directory: atomically where the storage allows (the local file system writes a
     * temporary sibling, forces it to disk and renames it into place; the previous version stays
     * loadable until the new one is complete). If the writer fails, this directory is left as it
     * was and the writer's exception is rethrown. Two publishes of one directory at once are
     * serialized or refused, never interleaved.
     *
     * @param check asked about this directory when it exists and is not empty, before anything
     *     is written
     * @param writer fills the staging directory
     */
    void publish(ReplaceCheck check, Writer writer) throws IOException;

    /**
     * The directory to load: this one, or the previous version that an interrupted
     * {@link #publish} left in place of it (a warning is then logged).
     *
     * @throws java.nio.file.NoSuchFileException naming this directory if neither exists
     */
    default StoreDirectory published() throws IOException {
        return this;
    }
}
