package org.cbir.examples.gui;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * One readable sentence for an exception, for an error dialog: the file it concerns first when
 * there is one (a {@link FileSystemException} often has no other message), then the problem.
 * Stateless and thread-safe.
 */
final class ErrorMessages {
    private ErrorMessages() {
    }

    /** The message of {@code error}, naming its file, with the cause's message when it adds something. */
    static String describe(Throwable error) {
        String message = ownMessage(error);
        Throwable cause = error.getCause();
        if (cause != null && cause != error) {
            String more = ownMessage(cause);
            if (!message.contains(more)) {
                message = message + " (" + more + ")";
            }
        }
        return message;
    }

    private static String ownMessage(Throwable error) {
        if (error instanceof NoSuchFileException e) {
            return "file not found: " + e.getFile() + reason(e);
        }
        if (error instanceof NotDirectoryException e) {
            return "not a folder: " + e.getFile() + reason(e);
        }
        if (error instanceof AccessDeniedException e) {
            return "permission denied: " + e.getFile() + reason(e);
        }
        if (error instanceof FileSystemException e) {
            return e.getFile() + ": " + (e.getReason() == null ? error.getClass().getSimpleName() : e.getReason());
        }
        String message = error.getMessage();
        return message == null || message.isBlank() ? error.getClass().getSimpleName() : message;
    }

    private static String reason(FileSystemException e) {
        return e.getReason() == null ? "" : " (" + e.getReason() + ")";
    }
}
