package org.cbir.solr;

import java.io.IOException;
import java.nio.file.Path;
import org.cbir.core.internal.io.ChecksummedFiles;
import org.cbir.core.io.CorruptFileException;
import org.cbir.core.io.StoreDirectory;

/**
 * What a saved pipeline keeps of a {@link SolrIndex}: no vectors (they stay in the collection),
 * only the collection's name, the vector length and the number of documents at the save, in
 * {@value #FILE} (checksummed, codec {@value #CODEC}):
 * <pre>
 * body := collection:string dimension:int32 count:int64
 * </pre>
 * Loading checks the name against the manifest's collection, so a store is never silently
 * served by another collection.
 */
final class SolrIndexFile {
    static final String FILE = "collection.bin";
    static final String CODEC = "cbir.solr-index";
    static final int VERSION = 1;

    /** The saved reference. */
    record Saved(String collection, int dimension, long count) {
    }

    private SolrIndexFile() {
    }

    static void write(StoreDirectory directory, String collection, int dimension, long count) throws IOException {
        ChecksummedFiles.write(directory, FILE, CODEC, VERSION, out -> {
            ChecksummedFiles.writeString(out, collection);
            out.writeInt(dimension);
            out.writeLong(count);
        });
    }

    static Saved read(StoreDirectory directory) throws IOException {
        Path file = directory.location(FILE);
        return ChecksummedFiles.read(directory, FILE, CODEC, VERSION, VERSION, (in, version) -> {
            String collection = ChecksummedFiles.readString(in);
            if (collection == null) {
                throw new CorruptFileException(file, "no collection name");
            }
            return new Saved(collection, in.readInt(), in.readLong());
        });
    }
}
