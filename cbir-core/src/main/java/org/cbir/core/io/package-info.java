/**
 * The on-disk format rules of cbir: how saved pipelines, indexes and models are written and
 * verified.
 *
 * <ul>
 * <li>A saved pipeline or index is a directory, replaced as a whole by
 * {@link org.cbir.core.internal.io.AtomicDirectory}: written into a temporary sibling and swapped in by
 * renames, so a crash during a save leaves the previous version loadable.</li>
 * <li>Its description is a human-readable {@link org.cbir.core.internal.io.Manifest} of
 * {@code key = value} lines (format version, components and their parameters, dimension,
 * count) whose first line records the manifest format and whose last line is a CRC-32.</li>
 * <li>Its data are binary files written by {@link org.cbir.core.internal.io.ChecksummedFiles}: a header
 * with magic number, codec name and format version, the body, and a CRC-32 footer (the grammar
 * is in that class). Every file is written to a temporary file, forced to disk and renamed into
 * place.</li>
 * <li>On load, a truncated or altered file, a file of another kind, or trailing bytes are refused
 * with a {@link org.cbir.core.io.CorruptFileException}, and an intact file of a format version
 * the code cannot read with a {@link org.cbir.core.io.FormatVersionException}; both name the
 * file. Nothing is ever parsed before its checksum has been verified, so damage is never loaded
 * as garbage.</li>
 * <li>Numbers are big-endian ({@link java.io.DataOutputStream}); text is UTF-8. A reader names
 * the range of versions it reads, so a format change bumps the codec's version and keeps reading
 * the old one where it can.</li>
 * </ul>
 */
package org.cbir.core.io;

