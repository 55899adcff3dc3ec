package org.cbir.core.internal.io;

import java.io.DataInputStream;
import java.nio.file.Path;

/**
 * The stream a {@link ChecksummedFiles.BodyReader} gets: a {@link DataInputStream} over exactly
 * the body bytes of a verified file, which knows its file (for error messages) and how many body
 * bytes are left (to reject absurd lengths before allocating). Not thread-safe.
 */
final class BodyInput extends DataInputStream {
    private final BodyStream body;

    BodyInput(BodyStream body) {
        super(body);
        this.body = body;
    }

    Path file() {
        return body.file();
    }

    long remaining() {
        return body.remaining();
    }

    /** The offset from the start of the file of the next byte read. */
    long position() {
        return body.position();
    }
}
