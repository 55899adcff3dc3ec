package org.cbir.core.collection;

/**
 * Where the image paths of a CSV collection ({@link ImageCollection#fromCsv(java.nio.file.Path, CsvPaths)})
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
