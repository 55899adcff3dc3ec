/**
 * The storage interface and the on-disk format rules of cbir: where saved pipelines, indexes and
 * models are written, and how they are verified.
 *
 * <ul>
 * <li>Every file goes through a {@link org.cbir.core.io.StoreDirectory}: named files written
 * sequentially, read sequentially or at random positions, sub-directories, listing, and
 * {@link org.cbir.core.io.StoreDirectory#publish}, which replaces a whole save at once. The local
 * file system ({@link org.cbir.core.io.StoreDirectory#local}) writes the new version into a
 * temporary sibling, forces it to disk and swaps it in by renames, so a crash during a save
 * leaves the previous version loadable; another storage (HDFS, an object store) is one more
 * implementation. A component with state writes into the directory it is given
 * ({@link org.cbir.core.Persistent#save}); the save's id travels with that directory object
 * ({@link org.cbir.core.io.StoreDirectory#saveId()}), not with a thread.</li>
 * <li>A store's description is a human-readable manifest of {@code key = value} lines (format
 * version, components and their parameters, dimension, count) whose first line records the
 * manifest format and whose last line is a CRC-32.</li>
 * <li>Its data are checksummed binary files: a header with magic number, codec name, format
 * version and the save's id, the body, and a CRC-32 footer (the grammar is in cbir's internal
 * {@code ChecksummedFiles}).</li>
 * <li>On load, a truncated or altered file, a file of another kind or of another save, or trailing
 * bytes are refused with a {@link org.cbir.core.io.CorruptFileException}, and an intact file of a
 * format version the code cannot read with a {@link org.cbir.core.io.FormatVersionException};
 * both name the file ({@link org.cbir.core.io.StoreDirectory#location}). Nothing is ever parsed
 * before its checksum has been verified, so damage is never loaded as garbage.</li>
 * <li>Numbers are big-endian ({@link java.io.DataOutputStream}) except where a codec documents
 * otherwise (the exact index's vectors are little-endian so that they map without swapping);
 * text is UTF-8. A reader names the range of versions it reads, so a format change bumps the
 * codec's version and keeps reading the old one where it can.</li>
 * </ul>
 */
package org.cbir.core.io;
