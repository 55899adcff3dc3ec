package org.cbir.core.collection;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Opens {@link FolderScanner}'s failure handler to tests in other packages. */
public final class FolderScannerAccess {
    private FolderScannerAccess() {
    }

    public static void keepUnreadable(Path root, Path file, IOException e, List<Path> found) throws IOException {
        FolderScanner.keepUnreadable(root, file, e, found);
    }
}
