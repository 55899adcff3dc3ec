package org.cbir.core.internal.io;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file-system steps shared by {@link ChecksummedFiles}, {@link Manifest} and
 * {@link AtomicDirectory}: temporary siblings, forcing to disk, atomic renames, recursive delete.
 * Stateless and thread-safe.
 */
final class AtomicFiles {
    private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);

    /** Writes the content of a fresh, empty temporary file. */
    @FunctionalInterface
    interface ChannelWriter {
        void write(FileChannel channel) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * Writes {@code file} through a temporary sibling that is forced to disk and then renamed over
     * {@code file}; on failure the temporary file is deleted and an existing {@code file} is left
     * as it was.
     */
    static void write(Path file, ChannelWriter writer) throws IOException {
        Path target = file.toAbsolutePath();
        Path directory = target.getParent();
        Path temp = createTempFile(directory, target.getFileName().toString());
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                writer.write(channel);
                channel.force(true);
            }
            move(temp, target);
        } catch (IOException failure) {
            deleteAfterFailure(temp, failure);
            throw naming(target, failure);
        } catch (Throwable failure) {
            deleteAfterFailure(temp, failure);
            throw failure;
        }
        forceDirectory(directory);
    }

    /**
     * {@code failure}, or, when its message does not name {@code file} (a full disk says only
     * "No space left on device"), an {@link IOException} that does, with {@code failure} as cause.
     */
    static IOException naming(Path file, IOException failure) {
        String message = failure.getMessage();
        if (message != null && message.contains(file.toString())) {
            return failure;
        }
        return new IOException(file + ": cannot write it (" + message + ")", failure);
    }

    /** A fresh sibling name {@code .<name>.tmp-<random>} in {@code directory}. */
    static Path tempSibling(Path directory, String name) {
        return uniqueSibling(directory, "." + name + ".tmp-");
    }

    /** {@code directory/<prefix><random hex>}, a name that is very unlikely to exist. */
    static Path uniqueSibling(Path directory, String prefix) {
        long random = ThreadLocalRandom.current().nextLong();
        return directory.resolve(prefix + String.format(Locale.ROOT, "%016x", random));
    }

    private static Path createTempFile(Path directory, String name) throws IOException {
        if (!Files.isDirectory(directory)) {
            throw new NoSuchFileException(directory.resolve(name).toString(), null,
                    "cannot write it: its directory " + directory + " does not exist");
        }
        while (true) {
            try {
                return Files.createFile(tempSibling(directory, name));
            } catch (FileAlreadyExistsException e) {
                // another random name
            }
        }
    }

    /** Renames atomically; where the file system cannot, warns and replaces non-atomically. */
    static void move(Path source, Path target) throws IOException {
        try {
            Files.move(source, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            LOG.warn("{}: the file system cannot rename atomically ({}); replacing it non-atomically, "
                    + "so a crash at this moment could lose the previous version", target, e.getMessage());
            Files.move(source, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Forces a directory's entries to disk where the platform allows it (not on Windows). */
    static void forceDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debug("{}: cannot force the directory to disk: {}", directory, e.toString());
        }
    }

    /** Forces every file and directory under {@code root} (included) to disk, best effort. */
    static void forceTree(Path root) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (attributes.isRegularFile()) {
                    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
                        channel.force(true);
                    } catch (IOException e) {
                        LOG.debug("{}: cannot force the file to disk: {}", file, e.toString());
                    }
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                forceDirectory(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes {@code root} and everything under it; symbolic links are deleted, not followed. */
    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(directory);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes a temporary file or directory after {@code failure}, recording a failed delete on it. */
    static void deleteAfterFailure(Path temp, Throwable failure) {
        try {
            deleteRecursively(temp);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }
}
