package org.cbir.core.io;

import java.nio.file.Path;

/**
 * A well-formed file whose format version this code cannot read: written by a newer release of
 * cbir (upgrade), or by one so old that its format is no longer supported (save it again with a
 * release that reads both). The message names the file, the codec, the version found and the
 * supported range.
 */
public class FormatVersionException extends InvalidFileException {
    private final String codec;
    private final int found;
    private final int minSupported;
    private final int maxSupported;

    /**
     * @param file the file
     * @param codec the codec name of the file (what kind of data it holds)
     * @param found the format version recorded in the file
     * @param minSupported the oldest version this code reads
     * @param maxSupported the newest version this code reads
     */
    public FormatVersionException(Path file, String codec, int found, int minSupported, int maxSupported) {
        super(file, problem(codec, found, minSupported, maxSupported));
        this.codec = codec;
        this.found = found;
        this.minSupported = minSupported;
        this.maxSupported = maxSupported;
    }

    /**
     * As {@link #FormatVersionException(Path, String, int, int, int)}, with {@code why} instead of
     * the generic advice.
     */
    public FormatVersionException(Path file, String codec, int found, int minSupported, int maxSupported, String why) {
        super(file, problem(codec, found, minSupported, maxSupported, why));
        this.codec = codec;
        this.found = found;
        this.minSupported = minSupported;
        this.maxSupported = maxSupported;
    }

    /** The codec name of the file. */
    public String codec() {
        return codec;
    }

    /** The format version recorded in the file. */
    public int found() {
        return found;
    }

    /** The oldest format version this code reads. */
    public int minSupported() {
        return minSupported;
    }

    /** The newest format version this code reads. */
    public int maxSupported() {
        return maxSupported;
    }

    private static String problem(String codec, int found, int min, int max) {
        return problem(codec, found, min, max, found > max
                ? "it was written by a newer release of cbir; upgrade to read it"
                : "its format is older than this release of cbir still reads; save it again with an older release");
    }

    private static String problem(String codec, int found, int min, int max, String why) {
        String range = min == max ? "version " + min : "versions " + min + " to " + max;
        return "'" + codec + "' format version " + found + " is not supported (this release reads " + range
                + "): " + why;
    }
}
