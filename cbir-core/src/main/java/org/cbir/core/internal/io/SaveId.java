package org.cbir.core.internal.io;

import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.cbir.core.io.StoreDirectory;

/**
 * The 128-bit identity of one save of a store: every file written during the save carries it in
 * its header ({@link ChecksummedFiles}) and the manifest records it (the directory of a save
 * carries it: {@link #bind}), so that a file copied in from
 * another save (of the same shape, or the same images in another order) is refused on load
 * instead of answering wrongly; as Lucene's segment id binds a segment's files.
 *
 * @param high the first 64 bits
 * @param low the last 64 bits
 */
public record SaveId(long high, long low) {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A fresh random id; two saves get the same one with probability about 2^-128. */
    public static SaveId random() {
        return new SaveId(RANDOM.nextLong(), RANDOM.nextLong());
    }

    /**
     * Parses what {@link #toString()} wrote: 32 lower-case hexadecimal digits.
     *
     * @throws IllegalArgumentException if {@code hex} is not that
     */
    public static SaveId parse(String hex) {
        if (hex == null || !hex.matches("[0-9a-f]{32}")) {
            throw new IllegalArgumentException("a save id is 32 lower-case hexadecimal digits, not '" + hex + "'");
        }
        return new SaveId(Long.parseUnsignedLong(hex.substring(0, 16), 16), Long.parseUnsignedLong(hex.substring(16), 16));
    }

    /**
     * {@code directory} bound to this id: it and its sub-directories report the id as their
     * {@link StoreDirectory#saveId()}, so that every checksummed file written into them carries
     * it and every file read from them must.
     */
    public StoreDirectory bind(StoreDirectory directory) {
        return new SaveBoundDirectory(directory, this);
    }

    /** The id that {@code directory} is bound to, if any. */
    public static Optional<SaveId> of(StoreDirectory directory) {
        return directory.saveId().map(u -> new SaveId(u.getMostSignificantBits(), u.getLeastSignificantBits()));
    }

    /** The same 128 bits as a {@link UUID} (most significant bits first). */
    UUID toUuid() {
        return new UUID(high, low);
    }

    /** The id as 32 lower-case hexadecimal digits. */
    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%016x%016x", high, low);
    }
}
