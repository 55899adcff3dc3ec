package org.cbir.core.collection;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.cbir.core.Metadata;
import org.cbir.core.image.Image;
import org.cbir.core.image.ImageReadException;
import org.cbir.core.image.Images;

/**
 * One image of an {@link ImageCollection}: where it comes from, its class label and the user's
 * metadata (stored with the image when it is indexed, see {@link org.cbir.core.ImageRecord}). File
 * entries are decoded only when {@link #load()} is called, so a collection of millions of
 * files costs memory for their paths only.
 */
public sealed interface ImageEntry permits ImageEntry.File, ImageEntry.InMemory {

    /** The file path, or the name of an in-memory image; what results and reports show. */
    String name();

    /** The class label, or {@code null} when the image is unlabelled. */
    String label();

    /** The user's metadata, sorted by key and immutable ({@link Metadata}); empty when there is none. */
    Map<String, String> metadata();

    /**
     * Decodes the image (file entries, on every call: nothing is cached) or returns it
     * (in-memory entries).
     *
     * @throws ImageReadException if the file is missing, unsupported or corrupt
     */
    Image load() throws ImageReadException;

    /**
     * An image in a file, read on demand with {@link Images#read}; the file need not exist until
     * then.
     *
     * @param path the image file
     * @param label the class label, or {@code null}
     * @param metadata the user's metadata ({@link Metadata} rules)
     */
    record File(Path path, String label, Map<String, String> metadata) implements ImageEntry {
        /**
         * @throws NullPointerException if {@code path} is null
         * @throws IllegalArgumentException if a metadata key or value breaks {@link Metadata}'s rules
         */
        public File {
            Objects.requireNonNull(path, "path");
            metadata = Metadata.copyOf(metadata);
        }

        /** A file entry without metadata. */
        public File(Path path, String label) {
            this(path, label, Map.of());
        }

        /** The path as a string. */
        @Override
        public String name() {
            return path.toString();
        }

        @Override
        public Image load() throws ImageReadException {
            return Images.read(path);
        }
    }

    /**
     * An image already in memory, under a caller-chosen name.
     *
     * @param name what results and reports show for this image
     * @param label the class label, or {@code null}
     * @param image the pixels (immutable, shared)
     * @param metadata the user's metadata ({@link Metadata} rules)
     */
    record InMemory(String name, String label, Image image, Map<String, String> metadata) implements ImageEntry {
        /**
         * @throws NullPointerException if {@code name} or {@code image} is null
         * @throws IllegalArgumentException if a metadata key or value breaks {@link Metadata}'s rules
         */
        public InMemory {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(image, "image");
            metadata = Metadata.copyOf(metadata);
        }

        /** An in-memory entry without metadata. */
        public InMemory(String name, String label, Image image) {
            this(name, label, image, Map.of());
        }

        @Override
        public Image load() {
            return image;
        }
    }
}
