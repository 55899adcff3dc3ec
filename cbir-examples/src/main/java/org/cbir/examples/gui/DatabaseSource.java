package org.cbir.examples.gui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import org.cbir.core.collection.ImageCollection;

/**
 * Where the images to search come from: a folder of images (label = sub-folder), a CSV list of
 * {@code path,label} lines, or a store that {@code RetrievalPipeline.save} wrote. Immutable.
 *
 * @param path the folder, CSV file or store directory
 * @param kind what {@code path} holds
 */
public record DatabaseSource(Path path, Kind kind) {

    /** What a database path holds. */
    public enum Kind {
        /** A folder of images; sub-folders are the classes. */
        FOLDER,
        /** A CSV file of {@code path,label} lines. */
        CSV,
        /** A saved pipeline: its manifest, records, and index. */
        STORE
    }

    /** @throws NullPointerException if a part is null */
    public DatabaseSource {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * The source a path names: a directory with a {@code manifest.txt} is a store, another
     * directory a folder of images, a file ending in {@code .csv} (any case) a CSV list.
     *
     * @throws NoSuchFileException if nothing is at {@code path}
     * @throws IllegalArgumentException naming the path if it is a file that is not a CSV
     */
    public static DatabaseSource of(Path path) throws NoSuchFileException {
        Objects.requireNonNull(path, "path");
        if (Files.isDirectory(path)) {
            return new DatabaseSource(path, Files.isRegularFile(path.resolve("manifest.txt")) ? Kind.STORE : Kind.FOLDER);
        }
        if (!Files.exists(path)) {
            throw new NoSuchFileException(path.toString(), null, "no database there");
        }
        if (path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            return new DatabaseSource(path, Kind.CSV);
        }
        throw new IllegalArgumentException(path + " is neither a folder of images, a CSV list nor a saved store");
    }

    /** Whether this is a saved store rather than images to index. */
    public boolean isStore() {
        return kind == Kind.STORE;
    }

    /**
     * The images of a folder or CSV source (listed, not decoded).
     *
     * @throws IllegalStateException if this is a store, which holds signatures, not images
     * @throws IOException if the folder or CSV cannot be read (the message names it)
     */
    public ImageCollection images() throws IOException {
        return switch (kind) {
            case FOLDER -> ImageCollection.fromFolder(path);
            case CSV -> ImageCollection.fromCsv(path);
            case STORE -> throw new IllegalStateException(path + " is a saved store: it holds signatures, not images");
        };
    }

    /** The kind and the path, as the GUI shows it. */
    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + " " + path;
    }
}
