package org.cbir.core.internal.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.cbir.core.io.InvalidFileException;
import org.cbir.core.io.StoreDirectory;

/**
 * A {@link StoreDirectory} on the local file system: files are plain files under {@link #root},
 * {@link #publish} is {@link AtomicDirectory#replace} (staging sibling, forced to disk, renamed
 * into place) and {@link #published} is {@link AtomicDirectory#resolveForReading}. Immutable and
 * thread-safe.
 */
public final class LocalDirectory implements StoreDirectory {
    private final Path root;

    private LocalDirectory(Path root) {
        this.root = root;
    }

    /** The directory {@code root} (need not exist). */
    public static LocalDirectory of(Path root) {
        Objects.requireNonNull(root, "directory");
        if (root.toString().isEmpty()) {
            throw new IllegalArgumentException("the empty path is not a store directory (an unset variable?)");
        }
        return new LocalDirectory(root);
    }

    /** The directory's path. */
    public Path root() {
        return root;
    }

    @Override
    public Path location(String name) {
        return root.resolve(requireName(name));
    }

    @Override
    public List<String> list() throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            entries.forEach(entry -> names.add(entry.getFileName().toString()));
        }
        names.sort(null);
        return List.copyOf(names);
    }

    @Override
    public boolean exists(String name) {
        return Files.exists(location(name));
    }

    @Override
    public OutputStream create(String name) throws IOException {
        Path file = location(name);
        Files.createDirectories(root);
        return Files.newOutputStream(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
    }

    @Override
    public SeekableByteChannel open(String name) throws IOException {
        Path file = location(name);
        if (Files.isDirectory(file)) {
            throw new InvalidFileException(file, "is a directory, not a file");
        }
        try {
            return FileChannel.open(file, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file.toString(), null, "no such file: the store is incomplete or"
                    + " the file was deleted");
        }
    }

    @Override
    public LocalDirectory directory(String name) {
        return new LocalDirectory(location(name));
    }

    @Override
    public Optional<Path> localPath(String name) {
        return Optional.of(location(name));
    }

    @Override
    public void publish(ReplaceCheck check, Writer writer) throws IOException {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(writer, "writer");
        AtomicDirectory.replace(root, existing -> check.requireReplaceable(of(existing)),
                staging -> writer.write(of(staging)));
    }

    @Override
    public StoreDirectory published() throws IOException {
        Path found = AtomicDirectory.resolveForReading(root);
        return found.equals(root) ? this : of(found);
    }

    @Override
    public String toString() {
        return root.toString();
    }

    /** {@code name} if it is one path element, not {@code .} or {@code ..}. */
    static String requireName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0
                || name.indexOf('\\') >= 0 || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a store file name is one path element, not '"
                    + InvalidFileException.printable(name) + "'");
        }
        return name;
    }
}
