package org.cbir.spark;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.cbir.core.collection.EmptyCollectionException;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.core.image.Images;

/**
 * Lists a collection on the driver, in the order and with the names and labels that
 * {@code cbir} gives it, so that ids assigned in that order are the ids of a single-machine
 * store of the same collection.
 *
 * <ul>
 *   <li>A local path (no scheme, or {@code file:}): a folder or a CSV of {@code path,label},
 *       listed by {@link ImageCollection#read}, the very listing {@code cbir} uses.</li>
 *   <li>Any other Hadoop file system ({@code hdfs://}, {@code s3a://}...): a folder walked
 *       recursively with the same rules (image extensions only, hidden files and folders left
 *       out, files sorted by their relative path name by name, label = the first sub-folder).</li>
 * </ul>
 */
public final class ImageListing {
    private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "tif", "tiff", "bmp", "gif");

    private ImageListing() {
    }

    /** Whether {@code input} names a path on this machine's file system. */
    public static boolean isLocal(String input) {
        URI uri = URI.create(input.replace(" ", "%20"));
        return uri.getScheme() == null || uri.getScheme().length() == 1 || "file".equals(uri.getScheme());
    }

    /**
     * The images of {@code input}, in collection order.
     *
     * @throws IOException if the folder or CSV is missing, unreadable or holds no image
     */
    public static List<ListedImage> list(String input, Configuration hadoop) throws IOException {
        return isLocal(input) ? listLocal(localPath(input)) : listRemote(new org.apache.hadoop.fs.Path(input), hadoop);
    }

    private static Path localPath(String input) {
        return input.startsWith("file:") ? Path.of(URI.create(input)) : Path.of(input);
    }

    private static List<ListedImage> listLocal(Path source) throws IOException {
        List<ListedImage> listed = new ArrayList<>();
        for (ImageEntry entry : ImageCollection.read(source)) {
            Path file = ((ImageEntry.File) entry).path();
            listed.add(new ListedImage(listed.size(), entry.name(), entry.label(), location(file)));
        }
        return listed;
    }

    /** The qualified Hadoop path of a local file, as Spark's file sources name it. */
    static String location(Path file) {
        return new org.apache.hadoop.fs.Path(file.toAbsolutePath().normalize().toUri()).toString();
    }

    private static List<ListedImage> listRemote(org.apache.hadoop.fs.Path root, Configuration hadoop) throws IOException {
        FileSystem fs = root.getFileSystem(hadoop);
        org.apache.hadoop.fs.Path qualified = fs.makeQualified(root);
        String prefix = qualified.toUri().getPath().replaceAll("/+$", "") + "/";
        List<String[]> found = new ArrayList<>();
        RemoteIterator<LocatedFileStatus> files = fs.listFiles(qualified, true);
        while (files.hasNext()) {
            LocatedFileStatus status = files.next();
            String relative = status.getPath().toUri().getPath().substring(prefix.length());
            String[] names = relative.split("/");
            if (isListed(names)) {
                found.add(names);
            }
        }
        if (found.isEmpty()) {
            throw new EmptyCollectionException(Path.of(root.toUri().getPath()), "no image files (extensions "
                    + String.join(", ", EXTENSIONS.stream().sorted().toList()) + ") in " + root + " or below");
        }
        Collections.sort(found, ImageListing::byNames);
        List<ListedImage> listed = new ArrayList<>(found.size());
        for (String[] names : found) {
            org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(qualified, String.join("/", names));
            listed.add(new ListedImage(listed.size(), file.toString(), names.length > 1 ? names[0] : null, file.toString()));
        }
        return listed;
    }

    private static boolean isListed(String[] names) {
        for (String name : names) {
            if (name.startsWith(".")) {
                return false;
            }
        }
        String file = names[names.length - 1];
        int dot = file.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(file.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static int byNames(String[] a, String[] b) {
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            int c = a[i].compareTo(b[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length, b.length);
    }

    /**
     * What Spark's file source must read to find the images of {@code input}: the folder itself
     * (searched recursively), or, for a CSV, the listed files.
     */
    public static List<String> sources(String input, List<ListedImage> images, Configuration hadoop) throws IOException {
        boolean folder;
        String root;
        if (isLocal(input)) {
            Path path = localPath(input);
            folder = java.nio.file.Files.isDirectory(path);
            root = location(path);
        } else {
            org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(input);
            folder = path.getFileSystem(hadoop).getFileStatus(path).isDirectory();
            root = path.getFileSystem(hadoop).makeQualified(path).toString();
        }
        return folder ? List.of(root) : images.stream().map(ListedImage::location).distinct().toList();
    }

    /**
     * Query images as {@code cbir query} lists them: a folder's images (labels from its
     * sub-folders), or a single file under the name it was given, without a label.
     */
    public static List<ListedImage> listQueries(List<String> inputs, Configuration hadoop) throws IOException {
        List<ListedImage> queries = new ArrayList<>();
        for (String input : inputs) {
            List<ListedImage> found;
            if (isLocal(input) && !java.nio.file.Files.isDirectory(localPath(input))) {
                found = List.of(new ListedImage(0, localPath(input).toString(), null, location(localPath(input))));
            } else if (!isLocal(input) && !new org.apache.hadoop.fs.Path(input).getFileSystem(hadoop)
                    .getFileStatus(new org.apache.hadoop.fs.Path(input)).isDirectory()) {
                found = List.of(new ListedImage(0, input, null, input));
            } else {
                found = list(input, hadoop);
            }
            for (ListedImage image : found) {
                queries.add(new ListedImage(queries.size(), image.name(), image.label(), image.location()));
            }
        }
        return queries;
    }

    /**
     * The images as a collection the driver can fit a pipeline on: local files as they are,
     * others read through Hadoop into memory (so pass only the fitting sample).
     */
    public static ImageCollection toCollection(List<ListedImage> images, Configuration hadoop) throws IOException {
        List<ImageEntry> entries = new ArrayList<>(images.size());
        for (ListedImage image : images) {
            if (isLocal(image.location())) {
                entries.add(new ImageEntry.File(Path.of(URI.create(image.location())), image.label()));
            } else {
                org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(image.location());
                try (InputStream in = path.getFileSystem(hadoop).open(path)) {
                    entries.add(new ImageEntry.InMemory(image.name(), image.label(),
                            Images.read(in.readAllBytes(), image.name())));
                }
            }
        }
        return ImageCollection.of(entries);
    }

    /**
     * The seeded, stratified split of {@link ImageCollection#split}, on the labels and order of
     * {@code images}: the same images fall into each part as in {@code cbir evaluate}.
     */
    public static List<List<ListedImage>> split(List<ListedImage> images, double fraction, long seed) {
        List<ImageEntry> placeholders = new ArrayList<>(images.size());
        for (ListedImage image : images) {
            placeholders.add(new ImageEntry.File(Path.of(Integer.toString(image.position())), image.label()));
        }
        ImageCollection.Split split = ImageCollection.of(placeholders).split(fraction, seed);
        return List.of(pick(images, split.train()), pick(images, split.test()));
    }

    private static List<ListedImage> pick(List<ListedImage> images, ImageCollection part) {
        List<ListedImage> picked = new ArrayList<>(part.size());
        for (ImageEntry entry : part) {
            ListedImage image = images.get(Integer.parseInt(entry.name()));
            picked.add(new ListedImage(picked.size(), image.name(), image.label(), image.location()));
        }
        return picked;
    }
}
