package org.cbir.testkit;

import java.nio.file.Path;
import org.cbir.core.io.StoreDirectory;
import org.junit.jupiter.api.io.TempDir;

/** The local file system's {@link StoreDirectory} keeps the storage contract. */
class LocalDirectoryContractTest extends StoreDirectoryContract {
    @TempDir
    Path temporary;

    @Override
    protected StoreDirectory directory() {
        return StoreDirectory.local(temporary.resolve("store"));
    }
}
