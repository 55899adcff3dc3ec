package org.cbir.index.quantized;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongPredicate;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Similarity;
import org.cbir.core.internal.index.GuardedIndex;
import org.cbir.core.internal.index.IdRows;
import org.cbir.core.internal.index.ParallelRanges;
import org.cbir.core.internal.index.VectorFiles;
import org.cbir.core.internal.index.VectorStore;
import org.cbir.core.internal.io.ChecksummedFiles;
import org.cbir.core.io.InvalidFileException;
import org.cbir.core.io.StoreDirectory;

/**
 * The 1-bit binary-quantized exact scan (see {@link BinaryScan}): a scan of the Hamming distances
 * between bit codes, then an exact re-ranking of the best {@code rerank x k} rows from their floats.
 *
 * <p><b>Codes.</b> Each dimension {@code j} has a centre {@code m_j}, the mean of the vectors (under
 * cosine, of the unit vectors {@code x / |x|}); bit {@code j} of a vector's code is 1 when its
 * value (its unit vector's, under cosine) is above {@code m_j}. The bits go into
 * {@code ceil(d / 64)} {@code long} words per row, bit {@code j} in word {@code j / 64} at position
 * {@code j % 64}; the Hamming distance of two codes is the sum of {@link Long#bitCount} of their
 * words' exclusive or, which the JIT compiles to the {@code popcnt} instruction
 * ({@link HammingDistances} scans a block of rows). Centring on the mean makes each bit split the
 * data in about halves, so that the bits carry information; the Hamming distance between codes
 * then estimates the angle between the centred vectors. The
 * centres are learned from all vectors when the index first holds 1,024 (until then every
 * search is an exact float scan), and learned again from all vectors, which are then re-coded,
 * each time the index has grown 8 times since (so the amortised cost per addition stays
 * constant); between these points later additions are coded with the learned centres.
 *
 * <p><b>Search.</b> The query is coded like a vector; the {@code rerank x k} rows of least Hamming
 * distance (of equal distances, the first scanned) are re-scored with {@link Similarity#distance}
 * and the {@code k} best returned with those exact distances, ranked by distance, then id. A zero
 * or non-finite query is answered by an exact float scan. The codes lie in arrays of about
 * {@value QuantizedScanIndex#CODE_CHUNK_BYTES} bytes, apart from the floats, so that a scan reads
 * long contiguous runs, which the hardware prefetches; it goes over them in blocks of about 16 KiB,
 * in parallel ranges of blocks when large, and a batch scores every query on a block while it is
 * in cache.
 *
 * <p><b>Memory</b> per vector: {@code 8 ceil(d / 64)} bytes of codes (64 at d = 512), {@code 4 d}
 * of floats and 13 to 15.5 for the id and its slot in core's {@link IdRows} (the floats and ids are
 * core's shared {@link VectorStore}).
 *
 * <p><b>Thread-safety</b>: searches share a read lock, {@link #add} and {@link #remove} take the
 * write lock ({@link GuardedIndex}); removal moves the last row into the freed one, so storage
 * stays dense.
 *
 * <p><b>File</b>: {@code exact-binary.bin}, codec {@code cbir.exact-binary}, version 2 (see
 * {@link ChecksummedFiles} for header, footer and arrays); the codes are not stored, they follow
 * from the vectors and the centres:
 * <pre>
 * dimension:int32 similarity:string count:int32 learnedAt:int32
 * centres:floats(d, or 0 before learning)
 * ids:longs(count) padding vectors:float32le[count x d]
 *          (ids and vectors in core's {@link VectorFiles} contiguous layout, which a load can map)
 * </pre>
 * Version 1, still read, has the vectors in {@link VectorFiles}' blocks of 1,024 rows.
 */
public final class BinaryScanIndex extends QuantizedScanIndex<long[]> {
    static final String FILE = "exact-binary.bin";
    static final String CODEC = "cbir.exact-binary";
    static final int VERSION = CONTIGUOUS_VERSION;
    /** About the bytes of codes in one block of the scan. */
    private static final int BLOCK_BYTES = 1 << 14;

    private final BinaryScan parameters;
    /** Code words per row. */
    private final int words;
    /** Rows per array of {@link #codes}: {@code 1 << codeShift}, a multiple of the store's chunk. */
    private final int codeShift;
    /** Rows per block of the scan, {@code 1 << blockShift}: about 16 KiB of codes, which stay in cache for a batch. */
    private final int blockShift;
    /**
     * Row {@code r}'s code: {@code codes[r >>> codeShift][(r & codeMask) * words + w]} for its word
     * {@code w}; arrays of about {@value QuantizedScanIndex#CODE_CHUNK_BYTES} bytes, of which only the
     * last may be shorter (it grows by doubling) and one spare may follow it.
     */
    private long[][] codes = new long[0][];
    private float[] centres;

    BinaryScanIndex(BinaryScan parameters, int dimension, Similarity similarity) {
        this(parameters, dimension, similarity, null);
    }

    private BinaryScanIndex(BinaryScan parameters, int dimension, Similarity similarity, MappedBase saved) {
        // chunks of at most 64 Ki floats (the store's), at least 64 rows
        super(dimension, similarity, "binary scan (" + BinaryScan.TYPE + ")", 64, parameters.rerank(), saved);
        this.parameters = parameters;
        this.words = (dimension + 63) >>> 6;
        this.codeShift = codeShift(codeBytes());
        this.blockShift = Math.min(codeShift,
                31 - Integer.numberOfLeadingZeros(Math.max(64, BLOCK_BYTES / codeBytes())));
    }

    @Override
    public ComponentSpec spec() {
        return parameters.spec();
    }

    /** Bytes of code per vector. */
    int codeBytes() {
        return 8 * words;
    }

    /** Moves the last row into the freed one: the store its floats and id, this method its code. */
    @Override
    protected boolean delete(long id) {
        int row = store.removeMovingLast(id);
        if (row < 0) {
            return false;
        }
        int last = store.rows(); // the row that was moved
        if (row != last) {
            System.arraycopy(codes[last >>> codeShift], (last & codeMask()) * words, codes[row >>> codeShift],
                    (row & codeMask()) * words, words);
        }
        int inUse = (last + codeMask()) >>> codeShift;
        if (inUse < codes.length - 1) { // keep one spare array
            codes = Arrays.copyOf(codes, inUse + 1);
        }
        return true;
    }

    @Override
    boolean learned() {
        return centres != null;
    }

    @Override
    Found[] candidates(List<long[]> queries, int candidates, LongPredicate accepts) {
        return scanCodes(queries.toArray(new long[0][]), candidates, accepts);
    }

    /** The code of {@code query}, or null for a zero or non-finite query. */
    @Override
    long[] code(float[] query) {
        double norm = 0;
        for (float v : query) {
            norm += (double) v * v;
        }
        norm = Math.sqrt(norm);
        if (!(norm > 0 && norm < Double.POSITIVE_INFINITY)) {
            return null;
        }
        float[] value = query.clone();
        if (cosine) {
            for (int j = 0; j < dimension; j++) {
                value[j] = (float) (value[j] / norm);
            }
        }
        long[] code = new long[words];
        encode(value, centres, code, 0);
        return code;
    }

    /**
     * Writes the code of {@code value} (centred on {@code centres}) into {@code target} from
     * {@code offset}: bit {@code j % 64} of word {@code j / 64} is 1 when {@code value[j] > centres[j]}
     * (0 for NaN); the bits past the dimension are 0 in every code.
     */
    static void encode(float[] value, float[] centres, long[] target, int offset) {
        int d = value.length;
        for (int w = 0, j = 0; j < d; w++) {
            long bits = 0;
            for (int b = 0; b < 64 && j < d; b++, j++) {
                if (value[j] > centres[j]) {
                    bits |= 1L << b;
                }
            }
            target[offset + w] = bits;
        }
    }

    /**
     * The best {@code candidates} rows of every query by (Hamming distance, row), scanned in
     * parallel ranges when large: the same rows however the scan is split, so a batch finds
     * what single queries find.
     */
    private HammingSelection[] scanCodes(long[][] queryCodes, int candidates, LongPredicate accepts) {
        int rows = store.rows();
        int blocks = (rows + (1 << blockShift) - 1) >>> blockShift;
        int tasks = scanTasks(blocks, (long) rows * (words + 4) * queryCodes.length);
        HammingSelection[][] found = new HammingSelection[tasks][];
        ParallelRanges.run(tasks, blocks,
                (task, from, to) -> found[task] = scanBlocks(from, to, queryCodes, candidates, accepts));
        HammingSelection[] merged = found[0];
        for (int t = 1; t < tasks; t++) { // the ranges in order: of equal distances the lower rows stay
            for (int q = 0; q < queryCodes.length; q++) {
                merged[q].offerAll(found[t][q]);
            }
        }
        return merged;
    }

    /** The best candidates among the blocks {@code [first, end)} of {@code 1 << blockShift} rows. */
    private HammingSelection[] scanBlocks(int first, int end, long[][] queryCodes, int candidates,
            LongPredicate accepts) {
        int rows = store.rows();
        HammingSelection[] found = new HammingSelection[queryCodes.length];
        for (int q = 0; q < found.length; q++) {
            found[q] = new HammingSelection(candidates, dimension);
        }
        int[] distances = new int[1 << blockShift];
        for (int b = first; b < end; b++) {
            int base = b << blockShift;
            int count = Math.min(1 << blockShift, rows - base);
            long[] array = codes[base >>> codeShift];
            int offset = (base & codeMask()) * words;
            for (int q = 0; q < queryCodes.length; q++) {
                HammingSelection selection = found[q];
                HammingDistances.of(queryCodes[q], array, offset, count, distances);
                int bound = selection.bound();
                for (int r = 0; r < count; r++) {
                    if (distances[r] < bound && (accepts == null || accepts.test(store.id(base + r)))) {
                        selection.offer(distances[r], base + r);
                        bound = selection.bound();
                    }
                }
            }
        }
        return found;
    }

    /** Grows the arrays of codes to hold {@code next}, the next row: a new array from a store chunk's rows, doubling. */
    @Override
    void reserve(int next) {
        int chunk = next >>> codeShift;
        if (chunk == codes.length) {
            codes = Arrays.copyOf(codes, chunk + 1);
            codes[chunk] = new long[words << shift];
        }
        int needed = ((next & codeMask()) + 1) * words;
        if (codes[chunk].length < needed) {
            codes[chunk] = Arrays.copyOf(codes[chunk],
                    Math.min(words << codeShift, Math.max(needed, 2 * codes[chunk].length)));
        }
    }

    private int codeMask() {
        return (1 << codeShift) - 1;
    }

    /** Learns the centres (the means of the finite values) from all rows and codes every row again. */
    @Override
    void learn() {
        int rows = store.rows();
        double[] sums = new double[dimension];
        int[] counts = new int[dimension];
        float[] value = new float[dimension];
        for (int r = 0; r < rows; r++) {
            codable(r, value);
            for (int j = 0; j < dimension; j++) {
                if (Float.isFinite(value[j])) {
                    sums[j] += value[j];
                    counts[j]++;
                }
            }
        }
        float[] newCentres = new float[dimension];
        for (int j = 0; j < dimension; j++) {
            double mean = counts[j] > 0 ? sums[j] / counts[j] : 0;
            newCentres[j] = Double.isFinite(mean) ? (float) mean : 0f; // finite values can still sum past the range
        }
        setCentres(newCentres, rows);
    }

    /** Installs centres and codes every row with them. */
    private void setCentres(float[] newCentres, int at) {
        centres = newCentres;
        learnedAt = at;
        float[] scratch = new float[dimension];
        for (int r = 0; r < store.rows(); r++) {
            encode(r, scratch);
        }
    }

    @Override
    void encode(int r, float[] scratch) {
        codable(r, scratch);
        encode(scratch, centres, codes[r >>> codeShift], (r & codeMask()) * words);
    }

    /** Writes {@code exact-binary.bin} (format in the class comment); searches may run meanwhile, changes wait. */
    @Override
    public void save(StoreDirectory directory) throws IOException {
        writeUnderReadLock(() -> ChecksummedFiles.write(directory, FILE, CODEC, VERSION, out -> {
            out.writeInt(dimension);
            ChecksummedFiles.writeString(out, similarity.spec().type());
            out.writeInt(store.size());
            out.writeInt(learnedAt);
            ChecksummedFiles.writeFloats(out, centres == null ? new float[0] : centres);
            VectorFiles.writeIdsAndContiguousVectors(out, store);
        }));
    }

    /** The saved index; its floats stay in the file, mapped, when {@code map} asks (see {@link QuantizedScanIndex}). */
    static BinaryScanIndex load(BinaryScan parameters, StoreDirectory directory, Similarity similarity, boolean map)
            throws IOException {
        Path file = directory.location(FILE);
        Path mapFile = fileToMap(directory, FILE, map);
        return ChecksummedFiles.read(directory, FILE, CODEC, BLOCKS_VERSION, VERSION, (in, version) -> {
            int dimension = in.readInt();
            String metric = ChecksummedFiles.readString(in);
            int count = in.readInt();
            int learnedAt = in.readInt();
            if (dimension < 1 || count < 0 || learnedAt < 0) {
                throw ChecksummedFiles.corrupt(in, "invalid dimension " + dimension + ", count " + count
                        + " or learned-at count " + learnedAt);
            }
            if (!similarity.spec().type().equals(metric)) {
                throw new InvalidFileException(file, "holds a binary index for the similarity '" + metric
                        + "', which cannot be searched with " + similarity.spec());
            }
            float[] centres = ChecksummedFiles.readFloats(in);
            int expected = learnedAt > 0 ? dimension : 0;
            if (centres.length != expected || learnedAt == 0 && count >= LEARN_ROWS) {
                throw ChecksummedFiles.corrupt(in, centres.length + " centres for " + count + " vectors of dimension "
                        + dimension + " learned at " + learnedAt);
            }
            for (int j = 0; j < expected; j++) {
                if (!Float.isFinite(centres[j])) {
                    throw ChecksummedFiles.corrupt(in, "invalid centre of dimension " + j + ": " + centres[j]);
                }
            }
            BinaryScanIndex index = readRows(in, version, count, dimension, mapFile,
                    saved -> new BinaryScanIndex(parameters, dimension, similarity, saved));
            if (expected > 0) {
                index.setCentres(centres, learnedAt);
            }
            return index;
        });
    }
}
