package org.cbir.core.collection;

import java.nio.file.Path;
import java.util.Objects;
import org.cbir.core.image.Image;
import org.cbir.core.image.ImageReadException;
import org.cbir.core.image.Images;

/**
 * One image of an {@link ImageCollection}: where it comes from and its class label. File
 * entries are decoded only when {@link #load()} is called, so a collection of millions of
 * files costs memory for their paths only.
 */
public sealed interface ImageEntry permits ImageEntry.File, ImageEntry.InMemory {

    /** The file path, or the name of an in-memory image; what results and reports show. */
    String name();

    /** The class label, or {@code null} when the image is unlabelled. */
    String label();

    /** Decodes the image (file entries) or returns it (in-memory entries). */
    Image load() throws ImageReadException;

    /** An image in a file, read on demand with {@link Images#read}. */
    record File(Path path, String label) implements ImageEntry {
        public File {
            Objects.requireNonNull(path, "path");
        }

        @Override
        public String name() {
            return path.toString();
        }

        @Override
        public Image load() throws ImageReadException {
            return Images.read(path);
        }
    }

    /** An image already in memory, under a caller-chosen name. */
    record InMemory(String name, String label, Image image) implements ImageEntry {
        public InMemory {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(image, "image");
        }

        @Override
        public Image load() {
            return image;
        }
    }
}
