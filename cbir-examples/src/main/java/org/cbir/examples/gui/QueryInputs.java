package org.cbir.examples.gui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;

/**
 * Turns what the user chose or dropped as queries (image files and folders) into labelled query
 * entries. A folder gives its images, labelled by sub-folder as a database folder is; a file is
 * labelled by the name of its parent folder when that name is one of the database's labels (so a
 * query dropped from {@code query/bcc/} is judged against {@code bcc}), and left unlabelled
 * otherwise. Stateless and thread-safe.
 */
final class QueryInputs {
    private QueryInputs() {
    }

    /**
     * The query entries of {@code inputs}, in their order (a folder's images in its sorted order).
     *
     * @param databaseLabels the labels of the searched collection, to label single files by
     * @throws NoSuchFileException naming the first input that does not exist
     * @throws IOException if a folder cannot be listed or has no image
     * @throws IllegalArgumentException if there is no input
     */
    static List<ImageEntry.File> resolve(List<Path> inputs, Set<String> databaseLabels) throws IOException {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("choose query images or a folder of them first");
        }
        List<ImageEntry.File> entries = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                for (ImageEntry entry : ImageCollection.fromFolder(input)) {
                    entries.add((ImageEntry.File) entry);
                }
            } else if (Files.exists(input)) {
                entries.add(new ImageEntry.File(input, labelFromFolder(input, databaseLabels)));
            } else {
                throw new NoSuchFileException(input.toString(), null, "query image not found");
            }
        }
        return entries;
    }

    /** The parent folder's name when it is one of {@code labels}, else {@code null}. */
    static String labelFromFolder(Path file, Set<String> labels) {
        Path parent = file.toAbsolutePath().getParent();
        if (parent == null || parent.getFileName() == null) {
            return null;
        }
        String name = parent.getFileName().toString();
        return labels.contains(name) ? name : null;
    }
}
