package org.cbir.core.collection;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.cbir.core.image.Image;

/**
 * An ordered, immutable list of {@link ImageEntry}s with their labels: a database to index, a
 * set of queries, or a training set. File entries hold paths, not pixels; images are decoded
 * when an entry is {@linkplain ImageEntry#load() loaded}.
 *
 * <p>Built from a folder whose sub-folders are the classes ({@link #fromFolder}), a CSV list
 * ({@link #fromCsv}), images in memory ({@link #fromImages}, {@link #of}), or another collection
 * ({@link #split}, {@link #withLabel}). Neither the folder nor the CSV loader opens the image
 * files: a listed file that is missing or corrupt fails when it is loaded, where indexing skips
 * and reports it.
 *
 * <p>Immutable and thread-safe.
 */
public final class ImageCollection implements Iterable<ImageEntry> {
    private final List<ImageEntry> entries;

    private ImageCollection(List<ImageEntry> entries) {
        this.entries = entries;
    }

    /**
     * A collection of the given entries, in their order (may be empty).
     *
     * @throws NullPointerException if the list or an entry is null
     */
    public static ImageCollection of(List<? extends ImageEntry> entries) {
        Objects.requireNonNull(entries, "entries");
        return new ImageCollection(List.copyOf(entries));
    }

    /**
     * A collection of the given entries, in their order; for instance labelled in-memory images:
     * {@code of(new ImageEntry.InMemory("a", "cat", image), ...)}.
     */
    public static ImageCollection of(ImageEntry... entries) {
        return of(List.of(entries));
    }

    /**
     * Unlabelled in-memory images, named by the map's keys, in the map's iteration order (pass a
     * {@link LinkedHashMap} or a {@link java.util.TreeMap} for a defined order). Label them with
     * {@link ImageEntry.InMemory} and {@link #of(ImageEntry...)} instead.
     */
    public static ImageCollection fromImages(Map<String, Image> images) {
        Objects.requireNonNull(images, "images");
        List<ImageEntry> entries = new ArrayList<>(images.size());
        images.forEach((name, image) -> entries.add(new ImageEntry.InMemory(name, null, image)));
        return new ImageCollection(List.copyOf(entries));
    }

    /**
     * The image files under {@code root}, labelled by folder:
     * <ul>
     *   <li>the label of an image is the name of the sub-folder of {@code root} that holds it,
     *       however deep ({@code root/cat/2019/a.png} is a {@code cat}); images directly in
     *       {@code root} are unlabelled (label {@code null}), so a flat folder gives an unlabelled
     *       collection;</li>
     *   <li>only files with an image extension are taken: png, jpg, jpeg, tif, tiff, bmp, gif,
     *       in any case; other files are skipped (logged at debug level), as are files and folders
     *       whose name starts with {@code '.'};</li>
     *   <li>symbolic links are followed (a link loop is skipped with a warning);</li>
     *   <li>entries are sorted by their path relative to {@code root}, compared name by name
     *       ({@link String#compareTo}), so the order is the same on every machine and run.</li>
     * </ul>
     * Entry paths are {@code root.resolve(relative path)}. Files are listed, not opened.
     *
     * @throws java.nio.file.NoSuchFileException if {@code root} does not exist
     * @throws java.nio.file.NotDirectoryException if {@code root} is not a folder
     * @throws EmptyCollectionException if there is no image file under {@code root}
     * @throws IOException if a folder cannot be listed
     */
    public static ImageCollection fromFolder(Path root) throws IOException {
        Objects.requireNonNull(root, "root");
        return new ImageCollection(List.copyOf(FolderScanner.scan(root)));
    }

    /**
     * The images listed in a CSV file (UTF-8, an optional byte-order mark), one per line,
     * {@code path} or {@code path,label}:
     * <ul>
     *   <li>a relative path is resolved against the CSV file's folder; an absolute one is kept;</li>
     *   <li>a missing or empty label (after stripping blanks) leaves the image unlabelled;</li>
     *   <li>the first line that is not blank or a comment is a header, and skipped, exactly when
     *       its first field is {@code path}, {@code file} or {@code filename} (case-insensitive);
     *       otherwise it is data. An image literally named {@code path} needs a header line;</li>
     *   <li>a header may name more columns after the label (such as the confidence and neighbours
     *       of {@code cbir label}'s output); their fields are then allowed and ignored;</li>
     *   <li>blank lines, and lines whose first non-blank character is {@code '#'}, are skipped;</li>
     *   <li>fields are separated by commas; unquoted fields are stripped of surrounding blanks; a
     *       field in double quotes is taken as is and may hold commas ({@code "a,b.png",cat}), with
     *       a quote written as two ({@code "say ""hi"".png"}); a quoted field cannot span lines;</li>
     *   <li>entries keep the file's order; a path listed twice gives two entries;</li>
     *   <li>a header of more than two columns names them: the column {@code label} holds the
     *       label and every other column a metadata value stored with the image
     *       ({@code path,label,sample,run,date}; a column {@code id} holds the user's own id); a
     *       data line may leave out trailing columns, and an empty cell sets no value. Column
     *       names follow {@link org.cbir.core.Metadata}'s rules.</li>
     * </ul>
     * Listed files are not checked here: a file that does not exist fails when it is loaded,
     * so indexing skips and reports it.
     *
     * @throws java.nio.file.NoSuchFileException if the CSV file does not exist
     * @throws CsvFormatException naming the file and the line, for a line with more fields than
     *     its columns (two without a header), a header column that is not a valid metadata key or
     *     named twice, an empty path, an unclosed quote, text after a closing quote, a quote inside an
     *     unquoted field, an invalid path, or bytes that are not UTF-8
     * @throws EmptyCollectionException if the file lists no image
     */
    public static ImageCollection fromCsv(Path csv) throws IOException {
        return fromCsv(csv, CsvPaths.ANYWHERE);
    }

    /**
     * {@link #fromCsv(Path)}, with the listed paths confined to the CSV's folder when
     * {@code paths} is {@link CsvPaths#CONFINED} (for CSV files from others).
     *
     * @throws CsvFormatException also for a confined path that leaves the folder
     */
    public static ImageCollection fromCsv(Path csv, CsvPaths paths) throws IOException {
        Objects.requireNonNull(csv, "csv");
        Objects.requireNonNull(paths, "paths");
        return new ImageCollection(List.copyOf(CsvCollectionReader.read(csv, paths)));
    }

    /**
     * A collection from a folder ({@link #fromFolder}) or, when {@code source} is a file whose
     * name ends in {@code .csv} (any case), from that CSV ({@link #fromCsv}): what a user means
     * when they point at "the database".
     */
    public static ImageCollection read(Path source) throws IOException {
        Path name = source.getFileName();
        boolean csv = name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".csv")
                && !Files.isDirectory(source);
        return csv ? fromCsv(source) : fromFolder(source);
    }

    /** The entries in collection order (unmodifiable). */
    public List<ImageEntry> entries() {
        return entries;
    }

    /** The number of entries. */
    public int size() {
        return entries.size();
    }

    /** Whether there is no entry. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The distinct labels in order of first appearance; empty when unlabelled. A new set. */
    public Set<String> labels() {
        Set<String> labels = new LinkedHashSet<>();
        for (ImageEntry e : entries) {
            if (e.label() != null) {
                labels.add(e.label());
            }
        }
        return labels;
    }

    /** Whether every entry has a label (and there is at least one entry). */
    public boolean isLabeled() {
        return !entries.isEmpty() && entries.stream().allMatch(e -> e.label() != null);
    }

    /**
     * The number of entries of each label, in order of first appearance (unmodifiable).
     * Unlabelled entries are not counted: they number {@code size()} minus the sum.
     */
    public Map<String, Integer> countsByLabel() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (ImageEntry e : entries) {
            if (e.label() != null) {
                counts.merge(e.label(), 1, Integer::sum);
            }
        }
        return Collections.unmodifiableMap(counts);
    }

    /**
     * The entries labelled {@code label}, in collection order.
     *
     * @throws IllegalArgumentException if no entry has that label; the message lists the labels
     */
    public ImageCollection withLabel(String label) {
        Objects.requireNonNull(label, "label");
        List<ImageEntry> selected = entries.stream().filter(e -> label.equals(e.label())).toList();
        if (selected.isEmpty()) {
            throw new IllegalArgumentException("unknown label '" + label + "'; the labels are " + labels());
        }
        return new ImageCollection(selected);
    }

    /**
     * Splits into training and test parts, stratified by label so that each label keeps its
     * proportion (unlabelled entries form one more group). In each group, the entries are
     * shuffled by Fisher-Yates with a {@link java.util.Random} whose seed depends only on
     * {@code seed} and the group's label (so the result does not depend on hash or thread order,
     * nor on the other labels), and the first {@code round(fraction * groupSize)} go to training,
     * but at least one and at most {@code groupSize - 1} when the group has two entries or more
     * (a single-entry group goes to training when {@code fraction >= 0.5}). Both parts keep the
     * collection's order. The same collection, fraction and seed always give the same split.
     *
     * @param fraction the share of each label that goes to training, in (0, 1) exclusive
     * @param seed the shuffle seed; another seed gives another split
     * @throws IllegalArgumentException if {@code fraction} is not in (0, 1)
     */
    public Split split(double fraction, long seed) {
        boolean[] train = StratifiedSplitter.trainMask(entries, fraction, seed);
        List<ImageEntry> trainEntries = new ArrayList<>();
        List<ImageEntry> testEntries = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            (train[i] ? trainEntries : testEntries).add(entries.get(i));
        }
        return new Split(new ImageCollection(List.copyOf(trainEntries)), new ImageCollection(List.copyOf(testEntries)));
    }

    /** The two disjoint parts of a {@link #split}, which together hold every entry once. */
    public record Split(ImageCollection train, ImageCollection test) {
        /** @throws NullPointerException if a part is null */
        public Split {
            Objects.requireNonNull(train, "train");
            Objects.requireNonNull(test, "test");
        }
    }

    @Override
    public Iterator<ImageEntry> iterator() {
        return entries.iterator();
    }

    /** Equal when the entries are equal, in the same order. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ImageCollection other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        Map<String, Integer> counts = countsByLabel();
        int unlabelled = size() - counts.values().stream().mapToInt(Integer::intValue).sum();
        return "ImageCollection[" + size() + " images" + (counts.isEmpty() ? "" : ", " + counts)
                + (unlabelled == 0 || counts.isEmpty() ? "" : ", " + unlabelled + " unlabelled") + "]";
    }

    /**
     * Where the image paths of a CSV collection ({@link #fromCsv(java.nio.file.Path, CsvPaths)})
     * may point.
     */
    public enum CsvPaths {
        /**
         * Anywhere: relative paths are resolved against the CSV's folder, absolute ones are kept.
         * The default, for a user's own CSV files on their own machine.
         */
        ANYWHERE,
        /**
         * Only inside the CSV's folder: an absolute path, a relative one that climbs out of the
         * folder ({@code ../../etc/passwd}), or one that leads out through a symbolic link is refused
         * with a {@link CsvFormatException} naming the line. For a service that indexes CSV files
         * from others.
         */
        CONFINED
    }
}
