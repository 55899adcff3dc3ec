package org.cbir.core.internal.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Writes a file so that readers see either the old content or the complete new one: the bytes go
 * to a temporary sibling (created with the default permissions, not owner-only), which is forced
 * to disk and renamed over the target. A failure deletes the temporary file and leaves an
 * existing target intact. For reports, images and charts; binary state uses
 * {@link ChecksummedFiles}, which adds a header and checksum to the same steps.
 */
public final class AtomicOutput {

    /** Writes a file's whole content to a stream that the caller must not close. */
    @FunctionalInterface
    public interface StreamWriter {
        void write(OutputStream out) throws IOException;
    }

    private AtomicOutput() {
    }

    /**
     * Replaces {@code file} with what {@code writer} writes.
     *
     * @throws java.nio.file.NoSuchFileException if the folder does not exist
     */
    public static void write(Path file, StreamWriter writer) throws IOException {
        AtomicFiles.write(file, channel -> {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel));
            writer.write(out);
            out.flush();
        });
    }

    /** Replaces {@code file} with {@code text} in UTF-8. */
    public static void writeString(Path file, String text) throws IOException {
        write(file, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
