package org.cbir.core.collection;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The folder walk behind {@link ImageCollection#fromFolder}; the rules are documented there. */
final class FolderScanner {
    private static final Logger LOG = LoggerFactory.getLogger(FolderScanner.class);

    /** File extensions taken as images, lower case. */
    static final Set<String> IMAGE_EXTENSIONS = Set.of("png", "jpg", "jpeg", "tif", "tiff", "bmp", "gif");

    /** Relative paths compared name by name, so that a folder's files stay together. */
    private static final Comparator<Path> BY_NAMES = (a, b) -> {
        int n = Math.min(a.getNameCount(), b.getNameCount());
        for (int i = 0; i < n; i++) {
            int c = a.getName(i).toString().compareTo(b.getName(i).toString());
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.getNameCount(), b.getNameCount());
    };

    private FolderScanner() {
    }

    static List<ImageEntry> scan(Path root) throws IOException {
        if (!Files.exists(root)) {
            throw new NoSuchFileException(root.toString(), null, "image folder not found");
        }
        if (!Files.isDirectory(root)) {
            throw new NotDirectoryException(root + " (expected a folder of images)");
        }
        List<Path> found = new ArrayList<>();
        Files.walkFileTree(root, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                        if (!dir.equals(root) && isHidden(dir)) {
                            LOG.debug("{}: hidden folder skipped", dir);
                            return FileVisitResult.SKIP_SUBTREE;
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                        if (isHidden(file)) {
                            LOG.debug("{}: hidden file skipped", file);
                        } else if (!attrs.isRegularFile()) {
                            LOG.debug("{}: not a regular file, skipped", file);
                        } else if (!isImageName(file)) {
                            LOG.debug("{}: not an image extension {}, skipped", file, IMAGE_EXTENSIONS);
                        } else {
                            found.add(root.relativize(file));
                        }
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                        if (e instanceof FileSystemLoopException) {
                            LOG.warn("{}: symbolic link loop, skipped", file);
                            return FileVisitResult.CONTINUE;
                        }
                        keepUnreadable(root, file, e, found);
                        return FileVisitResult.CONTINUE;
                    }
                });
        if (found.isEmpty()) {
            throw new EmptyCollectionException(root, "no image files (extensions "
                    + String.join(", ", IMAGE_EXTENSIONS.stream().sorted().toList()) + ") in this folder or below");
        }
        found.sort(BY_NAMES);
        List<ImageEntry> entries = new ArrayList<>(found.size());
        for (Path relative : found) {
            String label = relative.getNameCount() > 1 ? relative.getName(0).toString() : null;
            entries.add(new ImageEntry.File(root.resolve(relative), label));
        }
        LOG.debug("{}: {} images", root, entries.size());
        return entries;
    }

    /**
     * A folder or file that cannot be read (permission denied) does not abort the walk: it is
     * kept as an entry, so that indexing skips, counts and reports it as it does a bad image
     * ({@link org.cbir.core.image.Images#read} says "permission denied"). Other failures abort.
     */
    static void keepUnreadable(Path root, Path file, IOException e, List<Path> found) throws IOException {
        if (!(e instanceof AccessDeniedException) || file.equals(root)) {
            throw e;
        }
        LOG.warn("{}: permission denied; it is reported as skipped", file);
        found.add(root.relativize(file));
    }

    private static boolean isHidden(Path path) {
        Path name = path.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    static boolean isImageName(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }
}
