package org.cbir.examples.gui;

import java.awt.datatransfer.DataFlavor;
import java.awt.datatransfer.UnsupportedFlavorException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javax.swing.TransferHandler;

/** Accepts files dropped from a file manager and hands their paths on. Event thread only. */
final class FileDropHandler extends TransferHandler {
    private final Consumer<List<Path>> onDrop;

    /** @param onDrop given the dropped paths, never an empty list */
    FileDropHandler(Consumer<List<Path>> onDrop) {
        this.onDrop = onDrop;
    }

    @Override
    public boolean canImport(TransferSupport support) {
        return support.isDataFlavorSupported(DataFlavor.javaFileListFlavor);
    }

    @Override
    public boolean importData(TransferSupport support) {
        if (!canImport(support)) {
            return false;
        }
        try {
            List<?> files = (List<?>) support.getTransferable().getTransferData(DataFlavor.javaFileListFlavor);
            List<Path> paths = files.stream().filter(File.class::isInstance).map(f -> ((File) f).toPath()).toList();
            if (paths.isEmpty()) {
                return false;
            }
            onDrop.accept(paths);
            return true;
        } catch (UnsupportedFlavorException | IOException e) {
            return false;
        }
    }
}
