package org.cbir.core.internal.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;
import org.cbir.core.io.InvalidFileException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces a whole directory (a saved pipeline or index) so that a crash at any moment leaves a
 * complete version to load: the new content is written into a fresh sibling and swapped in by
 * renames.
 *
 * <p>The steps of {@link #replace}, for {@code target = dir/name}:
 * <ol>
 * <li>{@code target} must be missing, empty, or accepted by the caller's {@link ReplaceCheck} (the
 * proof that it is an earlier version, such as its manifest); anything else is refused, so a save
 * never deletes a user's files;</li>
 * <li>a lock on {@code dir/.name.lock} is taken, so that two processes never save {@code target}
 * at once (the second is refused); leftovers of crashed saves ({@code .name.tmp-*},
 * {@code .name.trash-*}) are deleted, best effort;</li>
 * <li>the writer fills a fresh {@code dir/.name.tmp-<random>}, which is then forced to disk;</li>
 * <li>if {@code target} exists, an older {@code dir/name.previous} is moved out of the way (deleted,
 * or renamed to {@code .name.trash-<random>} when it cannot be deleted) and {@code target} is
 * renamed to {@code dir/name.previous};</li>
 * <li>the temporary directory is renamed to {@code target};</li>
 * <li>{@code dir/name.previous} is deleted.</li>
 * </ol>
 * A crash between steps 4 and 5 leaves only {@code name.previous}, which
 * {@link #resolveForReading} then returns (with a warning); a crash after step 5 leaves the new
 * version in place. A crash during step 3 leaves a {@code .name.tmp-*} directory behind, which is
 * never read and is deleted by the next save. The lock file stays (it is empty).
 *
 * <p>Stateless and thread-safe; replacements of the same target are serialized within a JVM and
 * refused across processes.
 */
public final class AtomicDirectory {
    private static final Logger LOG = LoggerFactory.getLogger(AtomicDirectory.class);
    private static final String PREVIOUS_SUFFIX = ".previous";
    private static final String TRASH_INFIX = ".trash-";
    /** The part of a leftover's name after {@code .name.}: what {@link AtomicFiles#uniqueSibling} appends. */
    private static final Pattern LEFTOVER = Pattern.compile("(tmp|trash)-[0-9a-f]{16}");
    private static final ConcurrentHashMap<Path, ReentrantLock> SAVING = new ConcurrentHashMap<>();

    /** Fills a directory with the new content. */
    @FunctionalInterface
    public interface DirectoryWriter {
        /** Writes the new content into {@code freshEmptyDirectory}, which exists and is empty. */
        void write(Path freshEmptyDirectory) throws IOException;
    }

    /** Decides whether an existing, non-empty directory may be replaced. */
    @FunctionalInterface
    public interface ReplaceCheck {
        /**
         * Returns if {@code existing} (a non-empty directory) is an earlier version that the
         * caller may replace; otherwise throws an exception that names it and says why not.
         */
        void requireReplaceable(Path existing) throws IOException;
    }

    private AtomicDirectory() {
    }

    /**
     * Replaces (or creates) the directory {@code target} with what {@code writer} writes,
     * following the steps in the class documentation; missing parent directories are created.
     * If the writer fails (or the swap cannot start), the temporary directory is deleted,
     * {@code target} is left untouched and the writer's exception is rethrown.
     *
     * @param check asked about {@code target} when it exists and is not empty
     * @throws FileAlreadyExistsException if {@code target} exists and is not a directory
     * @throws IllegalArgumentException if {@code target} is the empty path or a file-system root
     */
    public static void replace(Path target, ReplaceCheck check, DirectoryWriter writer) throws IOException {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(writer, "writer");
        Path absolute = absolute(target);
        ReentrantLock local = SAVING.computeIfAbsent(absolute, p -> new ReentrantLock());
        local.lock();
        try {
            requireReplaceable(target, absolute, check);
            Path parent = absolute.getParent();
            Files.createDirectories(parent);
            String name = absolute.getFileName().toString();
            try (FileChannel lockFile = FileChannel.open(parent.resolve("." + name + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock lock = tryLock(lockFile, target)) {
                deleteLeftovers(parent, name);
                Path temp = createTempDirectory(parent, name);
                try {
                    writer.write(temp);
                    AtomicFiles.forceTree(temp);
                } catch (IOException failure) {
                    AtomicFiles.deleteAfterFailure(temp, failure);
                    throw failure instanceof InvalidFileException ? failure : AtomicFiles.naming(target, failure);
                } catch (Throwable failure) {
                    AtomicFiles.deleteAfterFailure(temp, failure);
                    throw failure;
                }
                swap(temp, absolute, previous(absolute));
            }
        } finally {
            local.unlock();
        }
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

    private static void requireReplaceable(Path target, Path absolute, ReplaceCheck check) throws IOException {
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS)) {
            throw new FileAlreadyExistsException(target.toString(), null,
                    "exists and is not a directory (or is a symbolic link); refusing to replace it");
        }
        if (Files.isDirectory(absolute, LinkOption.NOFOLLOW_LINKS) && !isEmpty(absolute)) {
            check.requireReplaceable(target);
        }
    }

    private static boolean isEmpty(Path directory) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            return !entries.iterator().hasNext();
        }
    }

    private static FileLock tryLock(FileChannel lockFile, Path target) throws IOException {
        FileLock lock;
        try {
            lock = lockFile.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new IOException(target + ": another process is saving to it right now; try again when it is done");
        }
        return lock;
    }

    /** Deletes what crashed saves of {@code name} left in {@code parent}; a failure is only logged. */
    private static void deleteLeftovers(Path parent, String name) throws IOException {
        try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(parent,
                entry -> isLeftover(entry.getFileName().toString(), name))) {
            for (Path leftover : leftovers) {
                try {
                    AtomicFiles.deleteRecursively(leftover);
                    LOG.info("deleted {}, left by an interrupted save", leftover);
                } catch (IOException e) {
                    LOG.warn("{}: cannot delete this leftover of an interrupted save ({}); it is never read", leftover,
                            e.toString());
                }
            }
        }
    }

    private static boolean isLeftover(String entry, String name) {
        String prefix = "." + name + ".";
        if (!entry.startsWith(prefix)) {
            return false;
        }
        String rest = entry.substring(prefix.length());
        return LEFTOVER.matcher(rest).matches();
    }

    private static void swap(Path temp, Path target, Path previous) throws IOException {
        boolean movedAside = false;
        try {
            if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
                clear(previous, target);
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

    /** Removes an older {@code previous}: deletes it, or renames it to a trash name if it cannot be deleted. */
    private static void clear(Path previous, Path target) throws IOException {
        try {
            AtomicFiles.deleteRecursively(previous);
        } catch (IOException e) {
            Path trash = AtomicFiles.uniqueSibling(previous.getParent(), "." + target.getFileName() + TRASH_INFIX);
            LOG.warn("{} cannot be deleted ({}); moving it to {}", previous, e.toString(), trash);
            AtomicFiles.move(previous, trash);
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
        if (target.toString().isEmpty()) {
            throw new IllegalArgumentException("the empty path is not a directory to save to (an unset variable?)");
        }
        Path absolute = target.toAbsolutePath().normalize();
        if (absolute.getFileName() == null) {
            throw new IllegalArgumentException("cannot replace the file-system root: " + target);
        }
        return absolute;
    }
}
