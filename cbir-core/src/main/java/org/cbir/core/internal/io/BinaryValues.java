package org.cbir.core.internal.io;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.IntFunction;
import org.cbir.core.io.CorruptFileException;

/**
 * The implementation of {@link ChecksummedFiles}' array and string helpers: an int32 count, then
 * the elements big-endian, converted in chunks through a {@link ByteBuffer} view rather than one
 * {@code writeFloat} call per element. Stateless and thread-safe.
 */
final class BinaryValues {
    /** Bytes converted per chunk. */
    private static final int CHUNK_BYTES = 1 << 15;
    /** Elements allocated up front when the stream cannot tell how many bytes are left. */
    private static final int UNKNOWN_REMAINING_START = 1 << 16;
    private static final int NULL_STRING = -1;

    @FunctionalInterface
    private interface ChunkWriter {
        void put(ByteBuffer bytes, int offset, int count);
    }

    @FunctionalInterface
    private interface ChunkReader<A> {
        void get(ByteBuffer bytes, A array, int offset, int count);
    }

    private BinaryValues() {
    }

    static void writeFloats(DataOutputStream out, float[] values) throws IOException {
        Objects.requireNonNull(values, "values");
        out.writeInt(values.length);
        writeChunks(out, values.length, Float.BYTES, (bytes, off, n) -> bytes.asFloatBuffer().put(values, off, n));
    }

    static float[] readFloats(DataInputStream in) throws IOException {
        return readArray(in, in.readInt(), "float", Float.BYTES, float[]::new,
                (bytes, array, off, n) -> bytes.asFloatBuffer().get(array, off, n));
    }

    static void writeDoubles(DataOutputStream out, double[] values) throws IOException {
        Objects.requireNonNull(values, "values");
        out.writeInt(values.length);
        writeChunks(out, values.length, Double.BYTES, (bytes, off, n) -> bytes.asDoubleBuffer().put(values, off, n));
    }

    static double[] readDoubles(DataInputStream in) throws IOException {
        return readArray(in, in.readInt(), "double", Double.BYTES, double[]::new,
                (bytes, array, off, n) -> bytes.asDoubleBuffer().get(array, off, n));
    }

    static void writeInts(DataOutputStream out, int[] values) throws IOException {
        Objects.requireNonNull(values, "values");
        out.writeInt(values.length);
        writeChunks(out, values.length, Integer.BYTES, (bytes, off, n) -> bytes.asIntBuffer().put(values, off, n));
    }

    static int[] readInts(DataInputStream in) throws IOException {
        return readArray(in, in.readInt(), "int", Integer.BYTES, int[]::new,
                (bytes, array, off, n) -> bytes.asIntBuffer().get(array, off, n));
    }

    static void writeLongs(DataOutputStream out, long[] values) throws IOException {
        Objects.requireNonNull(values, "values");
        out.writeInt(values.length);
        writeChunks(out, values.length, Long.BYTES, (bytes, off, n) -> bytes.asLongBuffer().put(values, off, n));
    }

    static long[] readLongs(DataInputStream in) throws IOException {
        return readArray(in, in.readInt(), "long", Long.BYTES, long[]::new,
                (bytes, array, off, n) -> bytes.asLongBuffer().get(array, off, n));
    }

    static void writeBytes(DataOutputStream out, byte[] values) throws IOException {
        Objects.requireNonNull(values, "values");
        out.writeInt(values.length);
        out.write(values);
    }

    static byte[] readBytes(DataInputStream in) throws IOException {
        return readArray(in, in.readInt(), "byte", 1, byte[]::new, (bytes, array, off, n) -> bytes.get(array, off, n));
    }

    static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(NULL_STRING);
            return;
        }
        ByteBuffer encoded;
        try {
            encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(s));
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("string of " + s.length()
                    + " chars is not valid Unicode (it holds an unpaired surrogate), so it has no UTF-8 form", e);
        }
        out.writeInt(encoded.remaining());
        out.write(encoded.array(), encoded.arrayOffset() + encoded.position(), encoded.remaining());
    }

    static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length == NULL_STRING) {
            return null;
        }
        byte[] bytes = readArray(in, length, "UTF-8 string byte", 1, byte[]::new,
                (chunk, array, off, n) -> chunk.get(array, off, n));
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw corrupt(in, "a string of " + length + " bytes is not valid UTF-8", e);
        }
    }

    /** A corruption error naming the file {@code in} reads, where it is known. */
    static CorruptFileException corrupt(DataInputStream in, String problem, Throwable cause) {
        Path file = in instanceof BodyInput body ? body.file() : null;
        return new CorruptFileException(file, problem, cause);
    }

    private static void writeChunks(DataOutputStream out, int length, int elementBytes, ChunkWriter writer)
            throws IOException {
        int perChunk = CHUNK_BYTES / elementBytes;
        byte[] chunk = new byte[(int) Math.min(CHUNK_BYTES, (long) length * elementBytes)];
        ByteBuffer bytes = ByteBuffer.wrap(chunk);
        for (int offset = 0; offset < length; offset += perChunk) {
            int count = Math.min(perChunk, length - offset);
            bytes.clear();
            writer.put(bytes, offset, count);
            out.write(chunk, 0, count * elementBytes);
        }
    }

    private static <A> A readArray(DataInputStream in, int length, String element, int elementBytes,
            IntFunction<A> allocate, ChunkReader<A> reader) throws IOException {
        if (length < 0) {
            throw corrupt(in, "negative length " + length + " for an array of " + element + "s", null);
        }
        long needed = (long) length * elementBytes;
        boolean remainingKnown = in instanceof BodyInput;
        if (remainingKnown && needed > ((BodyInput) in).remaining()) {
            throw corrupt(in, "an array of " + length + " " + element + "s needs " + needed
                    + " bytes but only " + ((BodyInput) in).remaining() + " remain in the body", null);
        }
        // where the stream cannot tell its length, grow as data arrives so that an absurd
        // length ends in an EOFException instead of a huge allocation
        int capacity = remainingKnown ? length : Math.min(length, UNKNOWN_REMAINING_START);
        A array = allocate.apply(capacity);
        int perChunk = CHUNK_BYTES / elementBytes;
        byte[] chunk = new byte[(int) Math.min(CHUNK_BYTES, needed)];
        ByteBuffer bytes = ByteBuffer.wrap(chunk);
        for (int offset = 0; offset < length; offset += perChunk) {
            int count = Math.min(perChunk, length - offset);
            if (offset + count > capacity) {
                capacity = (int) Math.min(length, Math.max(offset + count, 2L * capacity));
                A grown = allocate.apply(capacity);
                System.arraycopy(array, 0, grown, 0, offset);
                array = grown;
            }
            in.readFully(chunk, 0, count * elementBytes);
            bytes.clear();
            reader.get(bytes, array, offset, count);
        }
        return array;
    }
}
