package org.cbir.examples.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import org.cbir.core.image.ImageReadException;
import org.junit.jupiter.api.Test;

class ErrorMessagesTest {

    @Test
    void fileErrorsNameTheirFile() {
        assertEquals("file not found: /data/db", ErrorMessages.describe(new NoSuchFileException("/data/db")));
        assertEquals("file not found: /q.png (query image not found)",
                ErrorMessages.describe(new NoSuchFileException("/q.png", null, "query image not found")));
        assertEquals("not a folder: /a.txt", ErrorMessages.describe(new NotDirectoryException("/a.txt")));
        assertEquals("permission denied: /x", ErrorMessages.describe(new AccessDeniedException("/x")));
        assertEquals("/q.png: not a PNG", ErrorMessages.describe(new ImageReadException(Path.of("/q.png"), "not a PNG")));
    }

    @Test
    void aCauseAddsItsMessageUnlessAlreadySaid() {
        IOException cause = new IOException("disk full");
        assertEquals("saving failed (disk full)", ErrorMessages.describe(new RuntimeException("saving failed", cause)));
        assertEquals("disk full", ErrorMessages.describe(new UncheckedIOException("disk full", cause)));
        assertEquals("IllegalStateException", ErrorMessages.describe(new IllegalStateException()));
    }
}
