package org.cbir.testkit;

import org.cbir.core.io.StoreDirectory;

/** A storage other than the local file system (held in memory, without local paths) keeps the contract. */
class MemoryDirectoryContractTest extends StoreDirectoryContract {
    @Override
    protected StoreDirectory directory() {
        return MemoryDirectory.named("contract");
    }
}
