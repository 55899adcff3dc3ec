package org.cbir.index.lsh;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.BitSet;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Similarity;
import org.cbir.core.internal.index.VectorFiles;
import org.cbir.core.internal.index.VectorStore;
import org.cbir.core.internal.io.ChecksummedFiles;
import org.cbir.core.io.InvalidFileException;
import org.cbir.core.io.StoreDirectory;

/**
 * The file of a saved {@link LshForestIndex}: {@value #FILE}, codec {@value #CODEC}, version 1,
 * with this body (see {@link ChecksummedFiles} for header, footer and array encodings):
 * <pre>
 * dimension:int32 trees:int32 hashBits:int32 candidates:int32 minHashMatch:int32 seed:int64
 * hyperplanes:  trees x hashBits x floats(dimension)
 * count:int32   ids:longs(count)
 * vectors:      ceil(count / 1024) x floats(rows in the block x dimension)   row-major, 1024 rows a block
 *               (ids and vectors as core's {@code VectorFiles} writes them for every index)
 * per tree:     hashes:longs(count) rows:ints(count)   sorted by unsigned hash; rows a permutation of 0..count-1
 * </pre>
 * The hyperplanes are stored rather than re-drawn from the seed, so a file never depends on the
 * random generator. Loading checks the structure (sorted hashes, unused hash bits zero, rows a
 * permutation, distinct ids) besides the checksum. Static and stateless.
 */
final class LshForestFiles {
    static final String FILE = "lsh-forest.bin";
    static final String CODEC = "cbir.lsh-forest";
    static final int VERSION = 1;

    private LshForestFiles() {
    }

    /** Writes the index; the caller has merged all pending changes and holds the read lock. */
    static void save(StoreDirectory directory, LshForest parameters, int dimension, Hyperplanes hyperplanes,
            VectorStore store, HashTree[] trees) throws IOException {
        ChecksummedFiles.write(directory, FILE, CODEC, VERSION, out -> {
            out.writeInt(dimension);
            out.writeInt(parameters.trees());
            out.writeInt(parameters.hashBits());
            out.writeInt(parameters.candidates());
            out.writeInt(parameters.minHashMatch());
            out.writeLong(parameters.seed());
            for (int t = 0; t < parameters.trees(); t++) {
                for (int b = 0; b < parameters.hashBits(); b++) {
                    ChecksummedFiles.writeFloats(out, hyperplanes.plane(t, b));
                }
            }
            out.writeInt(store.size()); // no dead rows: the caller merged
            VectorFiles.writeIdsAndVectors(out, store);
            for (HashTree tree : trees) {
                ChecksummedFiles.writeLongs(out, tree.sortedHashes());
                ChecksummedFiles.writeInts(out, tree.sortedRows());
            }
        });
    }

    static LshForestIndex load(LshForest parameters, StoreDirectory directory, Similarity similarity) throws IOException {
        Path file = directory.location(FILE);
        return ChecksummedFiles.read(directory, FILE, CODEC, VERSION, VERSION, (in, version) -> {
            int dimension = in.readInt();
            int treeCount = in.readInt();
            int bits = in.readInt();
            int candidates = in.readInt();
            int minHashMatch = in.readInt();
            long seed = in.readLong();
            if (dimension < 1 || treeCount < 1 || bits < 1 || bits > 64) {
                throw ChecksummedFiles.corrupt(in, "invalid dimension " + dimension + ", trees " + treeCount
                        + " or hash bits " + bits);
            }
            ComponentSpec saved = ComponentSpec.of(LshForest.TYPE, LshForest.TREES, treeCount,
                    LshForest.CANDIDATES, candidates, LshForest.MIN_HASH_MATCH, minHashMatch,
                    LshForest.HASH_BITS, bits, LshForest.SEED, seed);
            if (!saved.equals(parameters.spec())) {
                throw new InvalidFileException(file, "holds an index built as " + saved
                        + ", which the factory " + parameters.spec() + " cannot load");
            }
            float[][][] planes = new float[treeCount][bits][];
            for (int t = 0; t < treeCount; t++) {
                for (int b = 0; b < bits; b++) {
                    planes[t][b] = readFloats(in, dimension, "hyperplane");
                }
            }
            int count = in.readInt();
            if (count < 0) {
                throw ChecksummedFiles.corrupt(in, "negative vector count " + count);
            }
            VectorStore store = new VectorStore(dimension);
            VectorFiles.readIdsAndVectors(in, count, dimension, store, store::append);
            HashTree[] trees = new HashTree[treeCount];
            for (int t = 0; t < treeCount; t++) {
                trees[t] = readTree(in, t, bits, count);
            }
            return new LshForestIndex(parameters, dimension, similarity, new Hyperplanes(planes), store, trees);
        });
    }

    private static HashTree readTree(DataInputStream in, int tree, int bits, int count) throws IOException {
        long[] hashes = ChecksummedFiles.readLongs(in);
        int[] rows = ChecksummedFiles.readInts(in);
        if (hashes.length != count || rows.length != count) {
            throw ChecksummedFiles.corrupt(in, "tree " + tree + " has " + hashes.length + " hashes and " + rows.length
                    + " rows for " + count + " vectors");
        }
        long unused = bits == 64 ? 0 : -1L >>> bits;
        BitSet seen = new BitSet(count);
        for (int i = 0; i < count; i++) {
            if ((hashes[i] & unused) != 0 || (i > 0 && Long.compareUnsigned(hashes[i - 1], hashes[i]) > 0)) {
                throw ChecksummedFiles.corrupt(in, "tree " + tree + " has an invalid or unsorted hash at " + i);
            }
            if (rows[i] < 0 || rows[i] >= count || seen.get(rows[i])) {
                throw ChecksummedFiles.corrupt(in, "tree " + tree + " has an invalid or repeated row " + rows[i]);
            }
            seen.set(rows[i]);
        }
        return new HashTree(bits, hashes, rows);
    }

    private static float[] readFloats(DataInputStream in, long expected, String what) throws IOException {
        float[] values = ChecksummedFiles.readFloats(in);
        if (values.length != expected) {
            throw ChecksummedFiles.corrupt(in, "a " + what + " has " + values.length + " values, expected " + expected);
        }
        return values;
    }
}
