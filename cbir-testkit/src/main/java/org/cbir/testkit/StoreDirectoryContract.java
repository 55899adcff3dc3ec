package org.cbir.testkit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.cbir.core.io.StoreDirectory;
import org.junit.jupiter.api.Test;

/**
 * What every {@link StoreDirectory} promises, for an implementation to run (the local one runs it
 * in this kit's tests; an HDFS or object-store implementation extends it the same way): files
 * read back byte for byte, sequentially and at random positions; listing; refusals that name the
 * file; sub-directories; and {@link StoreDirectory#publish} replacing the whole content at once,
 * while a failed or refused publish leaves the previous version as it was.
 */
public abstract class StoreDirectoryContract {

    /** A new, empty directory of the implementation under test (it need not exist yet). */
    protected abstract StoreDirectory directory() throws IOException;

    @Test
    void aFileReadsBackSequentiallyAndAtAnyPosition() throws IOException {
        StoreDirectory directory = directory();
        byte[] bytes = new byte[100_003];
        new SplittableRandom(14).nextBytes(bytes);
        try (OutputStream out = directory.create("data.bin")) {
            out.write(bytes, 0, 70_000);
            out.write(bytes, 70_000, bytes.length - 70_000);
        }
        try (InputStream in = directory.read("data.bin")) {
            assertArrayEquals(bytes, in.readAllBytes());
        }
        try (SeekableByteChannel channel = directory.open("data.bin")) {
            assertEquals(bytes.length, channel.size());
            for (long position : new long[] {99_000, 7, 65_536}) {
                ByteBuffer buffer = ByteBuffer.allocate(1000);
                channel.position(position);
                while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                    // fill
                }
                byte[] expected = Arrays.copyOfRange(bytes, (int) position,
                        (int) Math.min(bytes.length, position + 1000));
                assertArrayEquals(expected, Arrays.copyOf(buffer.array(), buffer.position()),
                        "bytes at " + position);
            }
        }
    }

    @Test
    void listNamesFilesAndSubDirectoriesInAscendingOrder() throws IOException {
        StoreDirectory directory = directory();
        assertEquals(List.of(), directory.list(), "a new directory is empty");
        write(directory, "b.bin", "b");
        write(directory, "a.bin", "a");
        write(directory.directory("sub"), "c.bin", "c");
        assertEquals(List.of("a.bin", "b.bin", "sub"), directory.list());
        assertEquals(List.of("c.bin"), directory.directory("sub").list());
        assertTrue(directory.exists("sub"));
        assertFalse(directory.exists("none"));
        assertEquals(List.of(), directory.directory("none").list(), "a missing sub-directory lists empty");
    }

    @Test
    void createRefusesAnExistingFile() throws IOException {
        StoreDirectory directory = directory();
        write(directory, "once.bin", "first");
        assertThrows(FileAlreadyExistsException.class, () -> directory.create("once.bin").close());
        assertEquals("first", read(directory, "once.bin"), "the refused create left the file as it was");
    }

    @Test
    void aMissingFileIsRefusedNamingIt() throws IOException {
        StoreDirectory directory = directory();
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> directory.open("missing.bin").close());
        assertTrue(e.getMessage().contains("missing.bin"), e.getMessage());
        assertTrue(directory.location("missing.bin").toString().contains("missing.bin"));
    }

    @Test
    void aNameWithASeparatorIsRefused() throws IOException {
        StoreDirectory directory = directory();
        for (String name : new String[] {"a/b", "..", ".", ""}) {
            assertThrows(IllegalArgumentException.class, () -> directory.create(name).close(), name);
        }
    }

    @Test
    void publishReplacesTheWholeContent() throws IOException {
        StoreDirectory directory = directory();
        directory.publish(existing -> {
            throw new AssertionError("a missing directory is not checked");
        }, staging -> write(staging, "old.bin", "old"));
        AtomicBoolean asked = new AtomicBoolean();
        directory.publish(existing -> {
            asked.set(true);
            assertEquals("old", read(existing, "old.bin"), "the check sees the current version");
        }, staging -> {
            assertEquals(List.of(), staging.list(), "the staging directory starts empty");
            write(staging, "new.bin", "new");
            write(staging.directory("part"), "state.bin", "state");
        });
        assertTrue(asked.get(), "a non-empty directory is checked before it is replaced");
        StoreDirectory published = directory.published();
        assertEquals(List.of("new.bin", "part"), published.list());
        assertEquals("new", read(published, "new.bin"));
        assertEquals("state", read(published.directory("part"), "state.bin"));
    }

    @Test
    void aFailedPublishLeavesThePreviousVersion() throws IOException {
        StoreDirectory directory = directory();
        directory.publish(existing -> { }, staging -> write(staging, "kept.bin", "kept"));
        IOException failure = new IOException("the disk is full");
        IOException thrown = assertThrows(IOException.class, () -> directory.publish(existing -> { }, staging -> {
            write(staging, "half.bin", "half");
            throw failure;
        }));
        assertTrue(thrown == failure || thrown.getCause() == failure, "the writer's failure is rethrown");
        StoreDirectory published = directory.published();
        assertEquals(List.of("kept.bin"), published.list(), "nothing of the failed publish is visible");
        assertEquals("kept", read(published, "kept.bin"));
    }

    @Test
    void aRefusedReplaceWritesNothing() throws IOException {
        StoreDirectory directory = directory();
        directory.publish(existing -> { }, staging -> write(staging, "user.bin", "user"));
        IOException refusal = new IOException("not a store of ours");
        AtomicBoolean written = new AtomicBoolean();
        IOException thrown = assertThrows(IOException.class, () -> directory.publish(existing -> {
            throw refusal;
        }, staging -> written.set(true)));
        assertSame(refusal, thrown);
        assertFalse(written.get(), "the writer does not run after a refusal");
        assertEquals("user", read(directory.published(), "user.bin"));
    }

    private static void write(StoreDirectory directory, String name, String text) throws IOException {
        try (OutputStream out = directory.create(name)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String read(StoreDirectory directory, String name) throws IOException {
        try (InputStream in = directory.read(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
