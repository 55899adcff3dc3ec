package org.cbir.core.internal.io;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.Objects;
import java.util.zip.CRC32;
import java.util.zip.CheckedOutputStream;
import org.cbir.core.io.CorruptFileException;
import org.cbir.core.io.FormatVersionException;
import org.cbir.core.io.InvalidFileException;
import org.cbir.core.io.StoreDirectory;

/**
 * Binary files that are written atomically and refused on load when they are truncated, altered,
 * of another kind or of an unsupported format version; modelled on Lucene's {@code CodecUtil}.
 *
 * <p>Every binary file of a saved pipeline has this grammar (all numbers big-endian, as
 * {@link DataOutputStream} writes them):
 * <pre>
 * File   := Header Body Footer
 * Header := magic:int32 codecLength:int32 codec:byte[codecLength] version:int32 saveId:byte[16]
 * Body   := whatever the codec's {@link BodyWriter} writes
 * Footer := footerMagic:int32 crc32:int64
 *
 * magic       = 0x43424932 ('CBI2'); files that start with 0x43424952 ('CBIR') have the first
 *               container format, without a save id, and are refused with a
 *               {@link FormatVersionException} that says to index again
 * codec       = the kind of data, 1 to 127 printable ASCII characters without spaces
 *               (for example "pca" or "lsh-forest"); a reader names the codec it expects
 * version     = the format version of this codec, &gt;= 0; a reader names the range it reads
 * saveId      = the {@link SaveId} of the save the file belongs to (carried by the directory:
 *               {@link StoreDirectory#saveId()}), or a random one for a file written outside a save
 * footerMagic = ~magic = 0xBCBDB6AD
 * crc32       = CRC-32 (java.util.zip.CRC32) of every preceding byte of the file, header and
 *               footerMagic included, stored in the low 32 bits (the high 32 bits are zero)
 * </pre>
 * The helpers below write arrays as {@code count:int32 element*} and strings as
 * {@code byteLength:int32 utf8:byte[byteLength]}, with {@code byteLength = -1} for null.
 *
 * <p>{@link #read} checks, in this order: the magic number and codec name (else
 * {@link CorruptFileException}: not the file expected), the footer magic at the very end (else
 * corrupt: truncated or bytes appended), the CRC-32 over the whole file (else corrupt: altered),
 * then the version range (else {@link FormatVersionException}), and last the save id against
 * the one its directory carries (else corrupt: a file of another save); so a flipped bit, even in
 * the version field, is always reported as corruption, and a body reader never sees bytes that
 * failed the checksum. Files are streamed twice (checksum pass, then parse pass, which checks the
 * checksum again to catch a file modified in between), never loaded whole, so they may be
 * gigabytes.
 *
 * <p>All methods are static, stateless and thread-safe; concurrent writers of the same file must
 * be serialized by the caller (the last rename wins).
 */
public final class ChecksummedFiles {
    /** The first four bytes of every file, 'CBI2' in ASCII. */
    public static final int MAGIC = 0x43424932;
    /** The first four bytes of a file of the first container format (no save id), 'CBIR' in ASCII. */
    static final int FIRST_FORMAT_MAGIC = 0x43424952;
    /** Bytes of the save id at the end of the header. */
    static final int SAVE_ID_LENGTH = 2 * Long.BYTES;
    /** The first four bytes of the footer, {@code ~MAGIC}. */
    public static final int FOOTER_MAGIC = ~MAGIC;
    /** Bytes in the footer: footer magic and checksum. */
    public static final int FOOTER_LENGTH = Integer.BYTES + Long.BYTES;
    /** The longest codec name, in ASCII characters. */
    public static final int MAX_CODEC_LENGTH = 127;

    private static final int BUFFER_BYTES = 1 << 16;
    private static final int CHECKSUM_PASS_BYTES = 1 << 18;

    /** Writes a file's body. */
    @FunctionalInterface
    public interface BodyWriter {
        /**
         * Writes the body to {@code out}; the stream is buffered and owned by the caller (closing
         * it only flushes it).
         */
        void write(DataOutputStream out) throws IOException;
    }

    /**
     * Reads a file's body, knowing the format version it was written with. To report a body that
     * does not parse, throw {@link ChecksummedFiles#corrupt(DataInputStream, String)}, an
     * {@link IllegalArgumentException} or an {@link IllegalStateException}: these, and reading past
     * the end of the body, become a {@link CorruptFileException} naming the file.
     *
     * @param <T> what the body holds
     */
    @FunctionalInterface
    public interface BodyReader<T> {
        /**
         * Reads the whole body from {@code in}, which ends where the body ends; {@code version} is
         * the version recorded in the header, already checked against the supported range.
         */
        T read(DataInputStream in, int version) throws IOException;
    }

    private ChecksummedFiles() {
    }

    /**
     * Writes header, body and footer to the new file {@code name} of {@code directory}, with the
     * directory's {@link StoreDirectory#saveId() save id} in the header (a random one outside a
     * save). The file is made durable and atomic by the {@link StoreDirectory#publish} around the
     * save; a failure, including one thrown by {@code body}, is rethrown naming the file.
     *
     * @param directory where the file goes
     * @param name the file's name, new in {@code directory}
     * @param codec what kind of data the file holds (see the grammar above)
     * @param version the format version of the body, {@code >= 0}
     * @param body writes the body
     * @throws IllegalArgumentException if {@code codec} or {@code version} is not valid
     * @throws java.nio.file.FileAlreadyExistsException if the file exists
     */
    public static void write(StoreDirectory directory, String name, String codec, int version, BodyWriter body)
            throws IOException {
        Objects.requireNonNull(directory, "directory");
        byte[] codecBytes = requireValid(codec, version, body);
        SaveId id = SaveId.of(directory).orElseGet(SaveId::random);
        Path file = directory.location(name);
        try (OutputStream raw = directory.create(name)) {
            writeFile(raw, codecBytes, version, id, body);
        } catch (IOException failure) {
            throw failure instanceof InvalidFileException ? failure : AtomicFiles.naming(file, failure);
        }
    }

    /**
     * Writes {@code file} as {@link #write(StoreDirectory, String, String, int, BodyWriter)} does,
     * with a random save id, through a temporary file {@code .<name>.tmp-<random>} in the same
     * directory that is forced to disk and renamed atomically over {@code file}; on any failure
     * the temporary file is deleted and an existing {@code file} is left as it was. For a file
     * outside a store (a tool's output); a store's files are written into its directory.
     */
    public static void write(Path file, String codec, int version, BodyWriter body) throws IOException {
        Objects.requireNonNull(file, "file");
        byte[] codecBytes = requireValid(codec, version, body);
        AtomicFiles.write(file, channel -> writeFile(Channels.newOutputStream(channel), codecBytes, version,
                SaveId.random(), body));
    }

    private static byte[] requireValid(String codec, int version, BodyWriter body) {
        byte[] codecBytes = requireValidCodec(codec);
        if (version < 0) {
            throw new IllegalArgumentException("format version must be >= 0, got " + version + " for codec '" + codec + "'");
        }
        Objects.requireNonNull(body, "body");
        return codecBytes;
    }

    private static void writeFile(OutputStream raw, byte[] codecBytes, int version, SaveId id, BodyWriter body)
            throws IOException {
        CRC32 crc = new CRC32();
        BufferedOutputStream buffered = new BufferedOutputStream(new CheckedOutputStream(raw, crc), BUFFER_BYTES);
        DataOutputStream out = new BodyOutput(new NonClosingOutputStream(buffered));
        out.writeInt(MAGIC);
        out.writeInt(codecBytes.length);
        out.write(codecBytes);
        out.writeInt(version);
        out.writeLong(id.high());
        out.writeLong(id.low());
        body.write(out);
        out.writeInt(FOOTER_MAGIC);
        out.flush();
        DataOutputStream tail = new DataOutputStream(raw);
        tail.writeLong(crc.getValue());
        tail.flush();
    }

    /**
     * Verifies the file {@code name} of {@code directory} and reads its body: checks magic and
     * codec, the footer and the CRC-32 of the whole file, then the version, then the save id
     * against the directory's {@link StoreDirectory#saveId()} (when it has one), and only then
     * streams the body to {@code body}. The body reader gets a stream that ends where the body
     * ends: reading past it, or returning before reading all of it, is a
     * {@link CorruptFileException}. Errors name the file by {@link StoreDirectory#location}.
     *
     * @param directory where the file is
     * @param name the file's name
     * @param codec the codec name the file must have
     * @param minVersion the oldest format version the caller reads, {@code >= 0}
     * @param maxVersion the newest format version the caller reads, {@code >= minVersion}
     * @param body parses the body
     * @return what {@code body} returned
     * @throws CorruptFileException if the file is truncated, altered, of another codec, followed
     *     by trailing bytes, of another save, or its body does not parse
     * @throws FormatVersionException if the file is intact but its version is outside the range
     * @throws java.nio.file.NoSuchFileException if the file does not exist
     */
    public static <T> T read(StoreDirectory directory, String name, String codec, int minVersion, int maxVersion,
            BodyReader<T> body) throws IOException {
        Objects.requireNonNull(directory, "directory");
        requireValidCodec(codec);
        if (minVersion < 0 || minVersion > maxVersion) {
            throw new IllegalArgumentException("supported versions must satisfy 0 <= min <= max, got "
                    + minVersion + " to " + maxVersion + " for codec '" + codec + "'");
        }
        Objects.requireNonNull(body, "body");
        Path file = directory.location(name);
        try (SeekableByteChannel channel = openForReading(directory, name, codec)) {
            long size = channel.size();
            Header header = readHeader(file, channel, size, codec);
            int version = header.version();
            long storedCrc = readFooter(file, channel, size);
            long actualCrc = checksum(file, channel, size - Long.BYTES);
            if (actualCrc != storedCrc) {
                String versionNote = version < minVersion || version > maxVersion
                        ? "; its header also claims format version " + version + ", outside the supported "
                        + minVersion + " to " + maxVersion
                        : "";
                throw new CorruptFileException(file, String.format(Locale.ROOT,
                        "checksum mismatch: the file was altered or damaged (footer says %08x, content gives %08x)%s",
                        storedCrc, actualCrc, versionNote));
            }
            if (version < minVersion || version > maxVersion) {
                throw new FormatVersionException(file, codec, version, minVersion, maxVersion);
            }
            SaveId expected = SaveId.of(directory).orElse(null);
            if (expected != null && !expected.equals(header.saveId())) {
                throw new CorruptFileException(file, "belongs to another save (save id " + header.saveId()
                        + ") than the rest of the store (save id " + expected + ", as its manifest says): files of"
                        + " two saves were mixed, for example copied in from another store; save the store again");
            }
            return parseBody(file, channel, size, header.length(), version, storedCrc, body);
        }
    }

    /**
     * Reads {@code file} as {@link #read(StoreDirectory, String, String, int, int, BodyReader)}
     * does, without a save-id check: for a file outside a store.
     */
    public static <T> T read(Path file, String codec, int minVersion, int maxVersion, BodyReader<T> body)
            throws IOException {
        Objects.requireNonNull(file, "file");
        Path absolute = file.toAbsolutePath();
        return read(LocalDirectory.of(absolute.getParent()), absolute.getFileName().toString(), codec, minVersion,
                maxVersion, body);
    }

    private static SeekableByteChannel openForReading(StoreDirectory directory, String name, String codec)
            throws IOException {
        try {
            return directory.open(name);
        } catch (InvalidFileException e) {
            throw new InvalidFileException(e.file(), "is a directory, not a '" + codec + "' file");
        }
    }

    /**
     * A {@link CorruptFileException} naming the file that {@code in} reads (when {@code in} was
     * given to a {@link BodyReader}; otherwise the exception names no file), for a body reader to
     * throw when the body does not parse.
     */
    public static CorruptFileException corrupt(DataInputStream in, String problem) {
        return BinaryValues.corrupt(in, problem, null);
    }

    /**
     * Writes zero bytes until the next byte of the file lies at a multiple of {@code alignment}
     * bytes from its start (so that a block that follows can be memory-mapped and read in place);
     * {@link #readPadding} reads them back.
     *
     * @param out the stream a {@link BodyWriter} got
     * @param alignment a power of two
     * @throws IllegalArgumentException if {@code out} is not a body writer's stream or the alignment not a power of two
     */
    public static void writePadding(DataOutputStream out, int alignment) throws IOException {
        if (!(out instanceof BodyOutput body)) {
            throw new IllegalArgumentException("padding is written to the stream that a body writer got");
        }
        out.write(new byte[padding(body.position(), alignment)]);
    }

    /**
     * Reads the zero bytes that {@link #writePadding} wrote at this point of the file.
     *
     * @param in the stream a {@link BodyReader} got
     * @throws CorruptFileException if a padding byte is not zero
     */
    public static void readPadding(DataInputStream in, int alignment) throws IOException {
        byte[] padding = new byte[padding(position(in), alignment)];
        in.readFully(padding);
        for (byte b : padding) {
            if (b != 0) {
                throw corrupt(in, "non-zero padding before an aligned block");
            }
        }
    }

    /**
     * The offset, from the start of the file, of the next byte that {@code in} reads: where a
     * block lies, to map it after the file is read.
     *
     * @param in the stream a {@link BodyReader} got
     * @throws IllegalArgumentException for another stream
     */
    public static long position(DataInputStream in) {
        if (!(in instanceof BodyInput body)) {
            throw new IllegalArgumentException("the position is known for the stream that a body reader got");
        }
        return body.position();
    }

    private static int padding(long position, int alignment) {
        if (alignment < 1 || Integer.bitCount(alignment) != 1) {
            throw new IllegalArgumentException("alignment must be a power of two, got " + alignment);
        }
        return (int) (-position & (alignment - 1));
    }

    /** Writes {@code values} (not null) as an int32 count and the floats in bulk. */
    public static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        BinaryValues.writeFloats(out, values);
    }

    /**
     * Reads what {@link #writeFloats} wrote into a new array owned by the caller.
     *
     * @throws CorruptFileException if the count is negative or needs more bytes than remain in
     *     the body
     */
    public static float[] readFloats(DataInputStream in) throws IOException {
        return BinaryValues.readFloats(in);
    }

    /** Writes {@code values} (not null) as an int32 count and the doubles in bulk. */
    public static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        BinaryValues.writeDoubles(out, values);
    }

    /** Reads what {@link #writeDoubles} wrote; bounded as {@link #readFloats}. */
    public static double[] readDoubles(DataInputStream in) throws IOException {
        return BinaryValues.readDoubles(in);
    }

    /** Writes {@code values} (not null) as an int32 count and the ints in bulk. */
    public static void writeInts(DataOutputStream out, int[] values) throws IOException {
        BinaryValues.writeInts(out, values);
    }

    /** Reads what {@link #writeInts} wrote; bounded as {@link #readFloats}. */
    public static int[] readInts(DataInputStream in) throws IOException {
        return BinaryValues.readInts(in);
    }

    /** Writes {@code values} (not null) as an int32 count and the longs in bulk. */
    public static void writeLongs(DataOutputStream out, long[] values) throws IOException {
        BinaryValues.writeLongs(out, values);
    }

    /** Reads what {@link #writeLongs} wrote; bounded as {@link #readFloats}. */
    public static long[] readLongs(DataInputStream in) throws IOException {
        return BinaryValues.readLongs(in);
    }

    /** Writes {@code values} (not null) as an int32 count and the bytes. */
    public static void writeBytes(DataOutputStream out, byte[] values) throws IOException {
        BinaryValues.writeBytes(out, values);
    }

    /** Reads what {@link #writeBytes} wrote; bounded as {@link #readFloats}. */
    public static byte[] readBytes(DataInputStream in) throws IOException {
        return BinaryValues.readBytes(in);
    }

    /**
     * Writes {@code s} as an int32 byte length and its UTF-8 bytes, or length -1 for null; unlike
     * {@link DataOutputStream#writeUTF} there is no 64 KB limit.
     *
     * @throws IllegalArgumentException if {@code s} holds an unpaired surrogate (not Unicode)
     */
    public static void writeString(DataOutputStream out, String s) throws IOException {
        BinaryValues.writeString(out, s);
    }

    /**
     * Reads what {@link #writeString} wrote; may return null.
     *
     * @throws CorruptFileException if the length is below -1, longer than the rest of the body,
     *     or the bytes are not valid UTF-8
     */
    public static String readString(DataInputStream in) throws IOException {
        return BinaryValues.readString(in);
    }

    /**
     * The save id in the header of {@code file}, for a check that the file is still the one a
     * store loaded (a memory-mapped index); reads only the header, verifies nothing else.
     *
     * @throws CorruptFileException if the file does not start with a valid header
     */
    public static SaveId saveId(Path file, String codec) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return readHeader(file, channel, channel.size(), codec).saveId();
        }
    }

    /** The length of the header of a file of {@code codec}, where its body starts. */
    public static int headerLength(String codec) {
        return 3 * Integer.BYTES + requireValidCodec(codec).length + SAVE_ID_LENGTH;
    }

    /** A parsed header: its length in bytes, the format version and the save id it records. */
    private record Header(int length, int version, SaveId saveId) {
    }

    /** Reads the header after checking magic, codec and that a footer fits after it. */
    private static Header readHeader(Path file, SeekableByteChannel channel, long size, String codec) throws IOException {
        int fixed = 3 * Integer.BYTES + SAVE_ID_LENGTH;
        if (size < 2 * Integer.BYTES) {
            throw new CorruptFileException(file, "the file has only " + size
                    + " bytes, too few for the header of a '" + codec + "' file: it is truncated or empty");
        }
        ByteBuffer start = readFully(file, channel, 0, 2 * Integer.BYTES);
        int magic = start.getInt();
        if (magic == FIRST_FORMAT_MAGIC) {
            throw new FormatVersionException(file, "cbir container", 1, 2, 2, "it was written by an earlier release"
                    + " of cbir, before files carried the id of their save; index the collection again");
        }
        if (magic != MAGIC) {
            throw new CorruptFileException(file, String.format(Locale.ROOT,
                    "not a cbir data file: it starts with 0x%08x, not the magic number 0x%08x ('CBI2')", magic, MAGIC));
        }
        int codecLength = start.getInt();
        if (codecLength < 1 || codecLength > MAX_CODEC_LENGTH) {
            throw new CorruptFileException(file, "illegal codec name length " + codecLength
                    + " in the header (1 to " + MAX_CODEC_LENGTH + " allowed)");
        }
        long minimum = (long) fixed + codecLength + FOOTER_LENGTH;
        if (size < minimum) {
            throw new CorruptFileException(file, "the file has only " + size + " bytes, too few for its header and footer ("
                    + minimum + " bytes): it is truncated");
        }
        ByteBuffer rest = readFully(file, channel, 2 * Integer.BYTES, codecLength + Integer.BYTES + SAVE_ID_LENGTH);
        byte[] codecBytes = new byte[codecLength];
        rest.get(codecBytes);
        String found = new String(codecBytes, StandardCharsets.ISO_8859_1);
        if (!found.equals(codec)) {
            throw new CorruptFileException(file, "it holds '" + printable(found) + "' data, not the expected '" + codec
                    + "': wrong file, or a damaged header");
        }
        int version = rest.getInt();
        return new Header(fixed + codecLength, version, new SaveId(rest.getLong(), rest.getLong()));
    }

    /** Returns the stored CRC after checking the footer magic and the CRC's range. */
    private static long readFooter(Path file, SeekableByteChannel channel, long size) throws IOException {
        ByteBuffer footer = readFully(file, channel, size - FOOTER_LENGTH, FOOTER_LENGTH);
        int footerMagic = footer.getInt();
        if (footerMagic != FOOTER_MAGIC) {
            throw new CorruptFileException(file, String.format(Locale.ROOT,
                    "no valid footer at the end of the file (found 0x%08x where the footer magic 0x%08x belongs): "
                            + "it is truncated, damaged or has bytes appended", footerMagic, FOOTER_MAGIC));
        }
        long crc = footer.getLong();
        if ((crc & 0xFFFFFFFF00000000L) != 0) {
            throw new CorruptFileException(file, String.format(Locale.ROOT,
                    "illegal CRC-32 value 0x%016x in the footer: the footer is damaged", crc));
        }
        return crc;
    }

    private static long checksum(Path file, SeekableByteChannel channel, long length) throws IOException {
        CRC32 crc = new CRC32();
        ByteBuffer buffer = ByteBuffer.allocate(CHECKSUM_PASS_BYTES);
        long position = 0;
        while (position < length) {
            buffer.clear();
            buffer.limit((int) Math.min(buffer.capacity(), length - position));
            int count = channel.position(position).read(buffer);
            if (count < 0) {
                throw new CorruptFileException(file, "the file became shorter while it was being read");
            }
            buffer.flip();
            crc.update(buffer);
            position += count;
        }
        return crc.getValue();
    }

    private static <T> T parseBody(Path file, SeekableByteChannel channel, long size, int headerLength, int version,
            long storedCrc, BodyReader<T> body) throws IOException {
        long bodyLength = size - headerLength - FOOTER_LENGTH;
        BodyStream stream = new BodyStream(file, channel, size - FOOTER_LENGTH);
        BodyInput in = new BodyInput(stream);
        in.readFully(new byte[headerLength]); // through the stream, so that the CRC covers it
        T result;
        try {
            result = body.read(in, version);
        } catch (InvalidFileException e) {
            if (e.file() == null) {
                throw new CorruptFileException(file, e.problem(), e);
            }
            throw e;
        } catch (EOFException e) {
            throw new CorruptFileException(file, "the body ends before its reader expects (the body has " + bodyLength
                    + " bytes; the reader wanted more): truncated data or a reader that does not match the format", e);
        } catch (IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException
                | NegativeArraySizeException | ArithmeticException e) {
            throw new CorruptFileException(file, "the body does not parse: " + e.getMessage(), e);
        } catch (IOException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains(file.toString())) {
                throw e;
            }
            throw new IOException(file + ": cannot read the body: " + message, e);
        }
        long unread = stream.remaining();
        if (unread != 0) {
            throw new CorruptFileException(file, "the body has " + unread + " bytes after what its reader read (of "
                    + bodyLength + "): trailing data or a reader that does not match the format");
        }
        stream.updateCrc(readFully(file, channel, size - FOOTER_LENGTH, Integer.BYTES).array());
        if (stream.crc() != storedCrc) {
            throw new CorruptFileException(file, "the file changed while it was being read");
        }
        return result;
    }

    private static ByteBuffer readFully(Path file, SeekableByteChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.position(position + buffer.position()).read(buffer) < 0) {
                throw new CorruptFileException(file, "the file became shorter while it was being read");
            }
        }
        return buffer.flip();
    }

    private static byte[] requireValidCodec(String codec) {
        Objects.requireNonNull(codec, "codec");
        if (codec.isEmpty() || codec.length() > MAX_CODEC_LENGTH) {
            throw new IllegalArgumentException("codec name must have 1 to " + MAX_CODEC_LENGTH
                    + " characters, got " + codec.length() + ": '" + printable(codec) + "'");
        }
        for (int i = 0; i < codec.length(); i++) {
            char c = codec.charAt(i);
            if (c <= ' ' || c > '~') {
                throw new IllegalArgumentException("codec name must be printable ASCII without spaces: '"
                        + printable(codec) + "'");
            }
        }
        return codec.getBytes(StandardCharsets.US_ASCII);
    }

    private static String printable(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < ' ' || c > '~') {
                sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /**
     * Lets a body writer close its stream without closing the file (close only flushes), and
     * counts the bytes written since the start of the file.
     */
    private static final class NonClosingOutputStream extends FilterOutputStream {
        private long written;

        NonClosingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            written++;
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            written += length;
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    /** The stream a {@link BodyWriter} gets: it knows its offset from the start of the file. */
    private static final class BodyOutput extends DataOutputStream {
        private final NonClosingOutputStream counted;

        BodyOutput(NonClosingOutputStream counted) {
            super(counted);
            this.counted = counted;
        }

        long position() {
            return counted.written;
        }
    }
}
