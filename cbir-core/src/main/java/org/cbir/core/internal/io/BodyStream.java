package org.cbir.core.internal.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.zip.CRC32;
import org.cbir.core.io.CorruptFileException;

/**
 * A buffered stream over the bytes {@code [0, end)} of a channel that updates a CRC32 with
 * every byte it loads and ends (returns -1) at {@code end}, so that a body reader cannot read into
 * the footer and {@link #remaining()} tells exactly how many body bytes are left. Every read sets
 * the channel's position first, so the caller may move it in between. Not thread-safe; closing it does
 * not close the channel (the caller owns the channel).
 */
final class BodyStream extends InputStream {
    private static final int BUFFER_BYTES = 1 << 16;

    private final Path file;
    private final SeekableByteChannel channel;
    private final long end;
    private final CRC32 crc = new CRC32();
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES).flip();
    private long loaded;

    BodyStream(Path file, SeekableByteChannel channel, long end) {
        this.file = file;
        this.channel = channel;
        this.end = end;
    }

    /** The file the bytes come from. */
    Path file() {
        return file;
    }

    /** Bytes not yet read before {@code end}. */
    long remaining() {
        return end - loaded + buffer.remaining();
    }

    /** The offset from the start of the file of the next byte read. */
    long position() {
        return loaded - buffer.remaining();
    }

    /** The CRC32 of every byte loaded so far; equals the CRC of all bytes read once remaining() is 0. */
    long crc() {
        return crc.getValue();
    }

    /** Adds bytes that follow the body (the footer magic) to the CRC. */
    void updateCrc(byte[] bytes) {
        crc.update(bytes);
    }

    @Override
    public int read() throws IOException {
        if (!buffer.hasRemaining() && !fill()) {
            return -1;
        }
        return buffer.get() & 0xff;
    }

    @Override
    public int read(byte[] target, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, target.length);
        if (length == 0) {
            return 0;
        }
        if (!buffer.hasRemaining() && !fill()) {
            return -1;
        }
        int count = Math.min(length, buffer.remaining());
        buffer.get(target, offset, count);
        return count;
    }

    @Override
    public int available() {
        return (int) Math.min(remaining(), Integer.MAX_VALUE);
    }

    @Override
    public void close() {
        // the channel belongs to the caller
    }

    private boolean fill() throws IOException {
        if (loaded >= end) {
            return false;
        }
        buffer.clear();
        buffer.limit((int) Math.min(buffer.capacity(), end - loaded));
        while (buffer.hasRemaining()) {
            int count = channel.position(loaded + buffer.position()).read(buffer);
            if (count < 0) {
                throw new CorruptFileException(file, "the file became shorter while it was being read");
            }
        }
        buffer.flip();
        crc.update(buffer.array(), 0, buffer.limit());
        loaded += buffer.limit();
        return true;
    }
}
