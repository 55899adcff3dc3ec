package org.cbir.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.cbir.core.io.InvalidFileException;
import org.cbir.core.io.StoreDirectory;

/**
 * A {@link StoreDirectory} held in memory, as a remote store would be implemented: no local
 * paths, so nothing can be mapped, and {@link #publish} swaps a complete staging map in at once.
 * Files are keyed by their path below the root ({@code index/vectors.bin}). Thread-safe.
 */
final class MemoryDirectory implements StoreDirectory {
    /** The files of the store by their path below its root; shared by its sub-directories. */
    private final Map<String, byte[]> files;
    private final String prefix;
    private final String store;

    private MemoryDirectory(Map<String, byte[]> files, String store, String prefix) {
        this.files = files;
        this.store = store;
        this.prefix = prefix;
    }

    /** A new, empty store named {@code store} (used in locations: {@code mem:/store/...}). */
    static MemoryDirectory named(String store) {
        return new MemoryDirectory(new TreeMap<>(), store, "");
    }

    /** The bytes of file {@code key} (a path below the root), or null; for tests that damage a file. */
    byte[] bytes(String key) {
        synchronized (files) {
            return files.get(key);
        }
    }

    /** Replaces the bytes of file {@code key}. */
    void put(String key, byte[] bytes) {
        synchronized (files) {
            files.put(key, bytes);
        }
    }

    /** Deletes file {@code key}. */
    void delete(String key) {
        synchronized (files) {
            files.remove(key);
        }
    }

    @Override
    public Path location(String name) {
        return Path.of("mem:", store, prefix + requireName(name));
    }

    @Override
    public List<String> list() {
        synchronized (files) {
            TreeSet<String> names = new TreeSet<>();
            for (String key : files.keySet()) {
                if (key.startsWith(prefix)) {
                    String rest = key.substring(prefix.length());
                    int slash = rest.indexOf('/');
                    names.add(slash < 0 ? rest : rest.substring(0, slash));
                }
            }
            return new ArrayList<>(names);
        }
    }

    @Override
    public OutputStream create(String name) throws IOException {
        String key = prefix + requireName(name);
        synchronized (files) {
            if (files.containsKey(key) || list().contains(name)) {
                throw new FileAlreadyExistsException(location(name).toString());
            }
            files.put(key, new byte[0]);
        }
        return new ByteArrayOutputStream() {
            @Override
            public void close() {
                synchronized (files) {
                    files.put(key, toByteArray());
                }
            }
        };
    }

    @Override
    public SeekableByteChannel open(String name) throws IOException {
        String key = prefix + requireName(name);
        byte[] bytes;
        synchronized (files) {
            bytes = files.get(key);
            if (bytes == null && list().contains(name)) {
                throw new InvalidFileException(location(name), "is a directory, not a file");
            }
        }
        if (bytes == null) {
            throw new NoSuchFileException(location(name).toString());
        }
        return new ByteArrayChannel(bytes);
    }

    @Override
    public MemoryDirectory directory(String name) {
        return new MemoryDirectory(files, store, prefix + requireName(name) + "/");
    }

    @Override
    public void publish(ReplaceCheck check, Writer writer) throws IOException {
        synchronized (files) {
            if (!list().isEmpty()) {
                check.requireReplaceable(this);
            }
            MemoryDirectory staging = named(store);
            writer.write(staging);
            files.keySet().removeIf(key -> key.startsWith(prefix));
            staging.files.forEach((key, bytes) -> files.put(prefix + key, bytes));
        }
    }

    private static String requireName(String name) {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.contains("/")) {
            throw new IllegalArgumentException("not a file name: '" + name + "'");
        }
        return name;
    }
}
