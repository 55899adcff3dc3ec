package org.cbir.core.io;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a whole directory (a saved pipeline or index) so that a crash at any moment leaves a
 * complete version to load: the new content is written into a fresh sibling and swapped in by
 * renames.
 *
 * <p>The steps of {@link #replace}, for {@code target = dir/name}:
 * <ol>
 * <li>the writer fills a fresh {@code dir/.name.tmp-<random>}, which is then forced to disk;</li>
 * <li>if {@code target} exists, an older {@code dir/name.previous} is deleted and {@code target}
 * is renamed to {@code dir/name.previous};</li>
 * <li>the temporary directory is renamed to {@code target};</li>
 * <li>{@code dir/name.previous} is deleted.</li>
 * </ol>
 * A crash between steps 2 and 3 leaves only {@code name.previous}, which
 * {@link #resolveForReading} then returns (with a warning); a crash after step 3 leaves the new
 * version in place. A crash during step 1 may leave a {@code .name.tmp-*} directory behind, which
 * is never read and may be deleted.
 *
 * <p>Stateless; the methods are thread-safe, but two concurrent replacements of the same target
 * are not supported (the caller serializes them).
 */
public final class AtomicDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(AtomicDirectory.class);
    private static final String PREVIOUS_SUFFIX = ".previous";

    /** Fills a directory with the new content. */
    @FunctionalInterface
    public interface DirectoryWriter {
        /** Writes the new content into {@code freshEmptyDirectory}, which exists and is empty. */
        void write(Path freshEmptyDirectory) throws IOException;
    }

    private AtomicDirectory() {
    }

    /**
     * Replaces (or creates) the directory {@code target} with what {@code writer} writes,
     * following the steps in the class documentation; missing parent directories are created.
     * If the writer fails (or the swap cannot start), the temporary directory is deleted,
     * {@code target} is left untouched and the writer's exception is rethrown.
     *
     * @throws FileAlreadyExistsException if {@code target} exists and is not a directory
     */
    public static void replace(Path target, DirectoryWriter writer) throws IOException {
        Objects.requireNonNull(writer, "writer");
        Path absolute = absolute(target);
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString(), null,
                    "exists and is not a directory (or is a symbolic link); refusing to replace it");
        }
        Path parent = absolute.getParent();
        Files.createDirectories(parent);
        String name = absolute.getFileName().toString();
        Path temp = createTempDirectory(parent, name);
        try {
            writer.write(temp);
            AtomicFiles.forceTree(temp);
        } catch (Throwable failure) {
            AtomicFiles.deleteAfterFailure(temp, failure);
            throw failure;
        }
        swap(temp, absolute, previous(absolute));
    }

    /**
     * The directory to load for {@code target}: {@code target} itself if it is a directory; else
     * {@code <name>.previous} if a crash during {@link #replace} left only that (a warning is
     * logged).
     *
     * @throws NoSuchFileException naming {@code target} if neither exists
     * @throws InvalidFileException naming {@code target} if it exists but is not a directory
     */
    public static Path resolveForReading(Path target) throws IOException {
        Objects.requireNonNull(target, "target");
        if (Files.isDirectory(target)) {
            return target;
        }
        if (Files.exists(target)) {
            throw new InvalidFileException(target, "is not a directory; a saved pipeline or index is a directory");
        }
        Path previous = previous(absolute(target));
        if (Files.isDirectory(previous)) {
            LOG.warn("{} is missing but {} exists: a save was interrupted after moving the old version aside; "
                    + "loading the previous version", target, previous);
            return previous;
        }
        throw new NoSuchFileException(target.toString(), null,
                "no such directory (nor a " + previous.getFileName() + " left by an interrupted save)");
    }

    /** {@code <name>.previous} next to {@code target}. */
    static Path previous(Path target) {
        return target.resolveSibling(target.getFileName() + PREVIOUS_SUFFIX);
    }

    private static void swap(Path temp, Path target, Path previous) throws IOException {
        boolean movedAside = false;
        try {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                AtomicFiles.deleteRecursively(previous);
                AtomicFiles.move(target, previous);
                movedAside = true;
            }
            AtomicFiles.move(temp, target);
        } catch (Throwable failure) {
            if (movedAside) {
                restore(previous, target, failure);
            }
            AtomicFiles.deleteAfterFailure(temp, failure);
            throw failure;
        }
        AtomicFiles.forceDirectory(target.getParent());
        try {
            AtomicFiles.deleteRecursively(previous);
        } catch (IOException e) {
            LOG.warn("{}: the new version is in place, but the old one at {} could not be deleted: {}",
                    target, previous, e.toString());
        }
    }

    private static void restore(Path previous, Path target, Throwable failure) {
        try {
            AtomicFiles.move(previous, target);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    private static Path createTempDirectory(Path parent, String name) throws IOException {
        while (true) {
            try {
                return Files.createDirectory(AtomicFiles.tempSibling(parent, name));
            } catch (FileAlreadyExistsException e) {
                // another random name
            }
        }
    }

    private static Path absolute(Path target) {
        Objects.requireNonNull(target, "target");
        Path absolute = target.toAbsolutePath().normalize();
        if (absolute.getFileName() == null) {
            throw new IllegalArgumentException("cannot replace the file-system root: " + target);
        }
        return absolute;
    }
}
