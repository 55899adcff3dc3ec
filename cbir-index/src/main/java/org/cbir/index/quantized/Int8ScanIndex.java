package org.cbir.index.quantized;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongPredicate;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Similarity;
import org.cbir.core.internal.index.CandidateHeap;
import org.cbir.core.internal.index.GuardedIndex;
import org.cbir.core.internal.index.IdRows;
import org.cbir.core.internal.index.ParallelRanges;
import org.cbir.core.internal.index.VectorFiles;
import org.cbir.core.internal.index.VectorStore;
import org.cbir.core.internal.io.ChecksummedFiles;
import org.cbir.core.internal.math.FloatKernels;
import org.cbir.core.io.InvalidFileException;
import org.cbir.core.io.StoreDirectory;

/**
 * The int8 scalar-quantized exact scan (see {@link Int8Scan}): a scan over one signed byte per
 * dimension, then an exact re-ranking of the best {@code rerank x k} rows from their floats.
 *
 * <p><b>Codes.</b> Each dimension {@code j} has a range {@code [min_j, max_j]}, mapped linearly
 * onto the codes -127..127: {@code x_j ~ centre_j + scale_j c_j} with
 * {@code centre_j = (min_j + max_j) / 2}, {@code scale_j = (max_j - min_j) / 254} (Lucene's
 * {@code ScalarQuantizer} has one range for all dimensions, learned from quantiles; here each
 * dimension has its own, from its minimum and maximum). Under cosine the codes are those of the
 * unit vector {@code x / |x|}, so that a dot product of codes approximates the cosine. The ranges
 * are learned from all vectors when the index first holds 1,024 (until then every
 * search is an exact float scan), and learned again from all vectors, which are then
 * re-quantized, each time the index has grown 8 times since (so the
 * amortised cost per addition stays constant); between these points later additions are
 * clamped to the learned ranges.
 *
 * <p><b>Scores.</b> The query stays in float (asymmetric quantization, no query rounding): with
 * {@code w_j = q_j scale_j}, {@code q.x ~ q.centre + sum_j w_j c_j}, whose first term is the same
 * for every row. So cosine ranks rows by {@code -sum_j w_j c_j} with {@code q} normalised.
 * Euclidean works on vectors centred on the ranges: {@code |q - x|^2 = |q'|^2 - 2 q'.x' + |x'|^2}
 * with {@code q' = q - centre}, {@code x' = x - centre ~ scale c}, so it ranks rows by
 * {@code |x'|^2 - 2 sum_j q'_j scale_j c_j}, {@code |x'|^2} (exact, a float per row, the
 * per-vector correction term) being computed from the float vector; centring keeps the float
 * sums well conditioned for data far from the origin. {@link FloatKernels#int8Scores} computes the sums
 * for 16 rows at a time from codes stored dimension-major in blocks of 16 rows. The
 * {@code rerank x k} best rows by score are re-scored with {@link Similarity#distance}, and the
 * {@code k} best are returned with those exact distances, ranked by distance, then id. A zero or
 * non-finite query is answered by an exact float scan.
 *
 * <p><b>Code chunks.</b> The blocks lie one after the other in arrays of about
 * {@value QuantizedScanIndex#CODE_CHUNK_BYTES} bytes ({@code 2^20 / d} rows rounded down to a power
 * of two, at least 16), many times the store's chunks of floats: a scan then reads long runs of contiguous memory,
 * which the hardware prefetches (1M x 512 codes on one thread: 25 ms a pass in 2,048-row arrays
 * against 50 ms in 32-row arrays, and 62 ms when those alternate with the float chunks as they
 * are allocated). The last array grows by doubling, from one store chunk's rows, so a small index
 * stays small. The scan still scores one store chunk of rows per kernel call (whose
 * {@code |x'|^2} it reads from an array of that chunk's rows).
 *
 * <p><b>Memory</b> per vector: {@code d} bytes of codes, {@code 4 d} of floats, 13 to 15.5 for the id
 * and its slot in core's {@link IdRows} (the floats and ids are core's shared {@link VectorStore}),
 * and under Euclidean 4 for {@code |x|^2}.
 *
 * <p><b>Thread-safety</b>: searches share a read lock (large scans run in parallel ranges on the
 * caller's fork-join pool, or else the common pool), {@link #add} and {@link #remove} take the
 * write lock ({@link GuardedIndex}); removal moves the last row into the freed one, so storage stays
 * dense.
 *
 * <p><b>File</b>: {@code exact-int8.bin}, codec {@code cbir.exact-int8}, version 2 (see {@link ChecksummedFiles}
 * for header, footer and arrays); the codes are not stored, they follow from the vectors and the
 * ranges:
 * <pre>
 * dimension:int32 similarity:string count:int32 learnedAt:int32
 * centres:floats(d, or 0 before learning) scales:floats(same)
 * ids:longs(count) padding vectors:float32le[count x d]
 *          (ids and vectors in core's {@link VectorFiles} contiguous layout, which a load can map)
 * </pre>
 * Version 1, still read, has the vectors in {@link VectorFiles}' blocks of 1,024 rows.
 */
public final class Int8ScanIndex extends QuantizedScanIndex<float[]> {
    static final String FILE = "exact-int8.bin";
    static final String CODEC = "cbir.exact-int8";
    static final int VERSION = CONTIGUOUS_VERSION;
    private static final int BLOCK = FloatKernels.CODE_BLOCK_ROWS;

    private final Int8Scan parameters;
    /**
     * Rows per array of {@link #codes}: {@code 1 << codeShift}, a multiple of the store's chunk
     * ({@code 1 << shift} rows, the span the scan scores per kernel call).
     */
    private final int codeShift;
    /**
     * The codes of rows {@code [i << codeShift, (i + 1) << codeShift)} in {@code codes[i]}, blocks of
     * 16 rows one after the other (see {@link #codeIndex}); only the last array may be shorter
     * than {@code dimension << codeShift} (it grows by doubling), and one spare may follow it.
     */
    private byte[][] codes = new byte[0][];
    /**
     * {@code |x - centre|^2} per row under Euclidean (once the ranges exist), in arrays of the
     * store's chunk of rows ({@code 1 << shift}); stays empty under cosine.
     */
    private float[][] squaredNorms = new float[0][];
    private float[] centres;
    private float[] scales;
    Int8ScanIndex(Int8Scan parameters, int dimension, Similarity similarity) {
        this(parameters, dimension, similarity, null);
    }

    private Int8ScanIndex(Int8Scan parameters, int dimension, Similarity similarity, MappedBase saved) {
        // chunks of at most 64 Ki floats and a whole number of code blocks
        super(dimension, similarity, "int8 scan (" + Int8Scan.TYPE + ")", BLOCK, parameters.rerank(), saved);
        this.parameters = parameters;
        this.codeShift = codeShift(dimension);
    }

    @Override
    public ComponentSpec spec() {
        return parameters.spec();
    }

    /** Moves the last row into the freed one: the store its floats and id, this method its codes and norm. */
    @Override
    protected boolean delete(long id) {
        int row = store.removeMovingLast(id);
        if (row < 0) {
            return false;
        }
        int last = store.rows(); // the row that was moved
        if (row != last) {
            byte[] from = codes[last >>> codeShift];
            byte[] to = codes[row >>> codeShift];
            for (int j = 0, source = codeIndex(last), target = codeIndex(row); j < dimension;
                    j++, source += BLOCK, target += BLOCK) {
                to[target] = from[source];
            }
            if (!cosine) {
                squaredNorms[row >>> shift][row & mask()] = squaredNorms[last >>> shift][last & mask()];
            }
        }
        int codesInUse = (last + codeMask()) >>> codeShift;
        if (codesInUse < codes.length - 1) { // keep one spare array
            codes = Arrays.copyOf(codes, codesInUse + 1);
        }
        int inUse = (last + mask()) >>> shift;
        if (!cosine && inUse < squaredNorms.length - 1) {
            squaredNorms = Arrays.copyOf(squaredNorms, inUse + 1);
        }
        return true;
    }

    /**
     * The kernel weights of {@code query}, such that the kernel's score (plus {@code |x|^2} under
     * Euclidean) ranks rows as the distance does: {@code -q_j scale_j / |q|} under cosine,
     * {@code -2 (q_j - centre_j) scale_j} under Euclidean; null for a zero or non-finite query.
     */
    @Override
    boolean learned() {
        return centres != null;
    }

    @Override
    float[] code(float[] query) {
        return weights(query);
    }

    @Override
    Found[] candidates(List<float[]> queries, int candidates, LongPredicate accepts) {
        CandidateHeap[] found = scanCodes(queries.toArray(new float[0][]), candidates, accepts);
        Found[] rows = new Found[found.length];
        for (int q = 0; q < found.length; q++) {
            rows[q] = new HeapRows(found[q]);
        }
        return rows;
    }

    /** The rows kept in a heap whose keys are rows. */
    private record HeapRows(CandidateHeap heap) implements Found {
        @Override
        public int size() {
            return heap.size();
        }

        @Override
        public int row(int i) {
            return (int) heap.keys()[i];
        }
    }

    private float[] weights(float[] query) {
        double norm = 0;
        for (float v : query) {
            norm += (double) v * v;
        }
        norm = Math.sqrt(norm);
        if (!(norm > 0 && norm < Double.POSITIVE_INFINITY)) {
            return null;
        }
        float[] w = new float[dimension];
        for (int j = 0; j < dimension; j++) {
            w[j] = (float) (cosine ? -query[j] / norm * scales[j] : -2 * ((double) query[j] - centres[j]) * scales[j]);
        }
        return w;
    }

    /** The best {@code candidates} rows of every query by approximate score, scanned in parallel ranges when large. */
    private CandidateHeap[] scanCodes(float[][] weights, int candidates, LongPredicate accepts) {
        int rows = store.rows();
        int spans = (rows + mask()) >>> shift;
        int tasks = scanTasks(spans, (long) rows * (dimension + 16) * weights.length);
        CandidateHeap[][] found = new CandidateHeap[tasks][];
        ParallelRanges.run(tasks, spans,
                (task, from, to) -> found[task] = scanSpans(from, to, weights, candidates, accepts));
        CandidateHeap[] merged = found[0];
        for (int t = 1; t < tasks; t++) {
            for (int q = 0; q < weights.length; q++) {
                CandidateHeap from = found[t][q];
                for (int c = 0; c < from.size(); c++) {
                    merged[q].offer(from.scores()[c], from.keys()[c]);
                }
            }
        }
        return merged;
    }

    /** The best candidates among spans {@code [first, end)} of {@code 1 << shift} rows (the store's chunks). */
    private CandidateHeap[] scanSpans(int first, int end, float[][] weights, int candidates, LongPredicate accepts) {
        int rows = store.rows();
        CandidateHeap[] found = new CandidateHeap[weights.length];
        for (int q = 0; q < found.length; q++) {
            found[q] = new CandidateHeap(candidates);
        }
        float[] scores = new float[4 << shift];
        float[] mins = new float[4];
        for (int c = first; c < end; c++) {
            int base = c << shift;
            int count = Math.min(1 << shift, rows - base);
            int blocks = (count + BLOCK - 1) / BLOCK;
            float[] norms = cosine ? null : squaredNorms[c];
            byte[] chunk = codes[base >>> codeShift];
            int offset = (base & codeMask()) * dimension;
            for (int q = 0; q < weights.length; ) {
                if (q + 4 <= weights.length) { // four queries per pass over the span's codes
                    FloatKernels.int8Scores4(weights, q, chunk, offset, blocks, norms, scores, mins);
                    for (int i = 0; i < 4; i++) {
                        select(found[q + i], mins[i], scores, i * blocks * BLOCK, count, base, accepts);
                    }
                    q += 4;
                } else {
                    float min = FloatKernels.int8Scores(weights[q], chunk, offset, blocks, norms, scores);
                    select(found[q], min, scores, 0, count, base, accepts);
                    q++;
                }
            }
        }
        return found;
    }

    /**
     * Offers the {@code count} scores from {@code scores[from]} (rows {@code base...}) to
     * {@code heap}; skips them all when their smallest, {@code min}, cannot enter (the usual case
     * once the heap is full).
     */
    private void select(CandidateHeap heap, float min, float[] scores, int from, int count, int base,
            LongPredicate accepts) {
        float bound = heap.bound();
        if (!(min < bound) && bound != Float.POSITIVE_INFINITY) {
            return;
        }
        for (int r = 0; r < count; r++) {
            float score = scores[from + r];
            if ((score < bound || bound == Float.POSITIVE_INFINITY) && (accepts == null || accepts.test(store.id(base + r)))) {
                heap.offer(score, base + r);
                bound = heap.bound();
            }
        }
    }

    /** Grows the arrays of codes (and of norms under Euclidean) to hold {@code next}, the next row. */
    @Override
    void reserve(int next) {
        int chunk = next >>> codeShift;
        if (chunk == codes.length) {
            codes = Arrays.copyOf(codes, chunk + 1);
            codes[chunk] = new byte[dimension << shift];
        }
        // the codes of the rows up to the end of next's span
        int needed = (((next & codeMask()) >>> shift) + 1) * (dimension << shift);
        if (codes[chunk].length < needed) {
            codes[chunk] = Arrays.copyOf(codes[chunk], Math.min(dimension << codeShift,
                    Math.max(needed, 2 * codes[chunk].length)));
        }
        int span = next >>> shift;
        if (!cosine && span == squaredNorms.length) {
            squaredNorms = Arrays.copyOf(squaredNorms, span + 1);
            squaredNorms[span] = new float[1 << shift];
        }
    }

    /** Learns the ranges from all rows and quantizes every row again. */
    @Override
    void learn() {
        int rows = store.rows();
        float[] min = new float[dimension];
        float[] max = new float[dimension];
        Arrays.fill(min, Float.POSITIVE_INFINITY);
        Arrays.fill(max, Float.NEGATIVE_INFINITY);
        float[] value = new float[dimension];
        for (int r = 0; r < rows; r++) {
            codable(r, value);
            for (int j = 0; j < dimension; j++) {
                if (Float.isFinite(value[j])) {
                    min[j] = Math.min(min[j], value[j]);
                    max[j] = Math.max(max[j], value[j]);
                }
            }
        }
        float[] newCentres = new float[dimension];
        float[] newScales = new float[dimension];
        for (int j = 0; j < dimension; j++) {
            if (min[j] <= max[j]) {
                newCentres[j] = (float) (((double) min[j] + max[j]) / 2);
                newScales[j] = (float) (((double) max[j] - min[j]) / 254);
            }
        }
        setRanges(newCentres, newScales, rows);
    }

    /** Installs ranges and quantizes every row with them. */
    private void setRanges(float[] newCentres, float[] newScales, int at) {
        int rows = store.rows();
        centres = newCentres;
        scales = newScales;
        learnedAt = at;
        float[] scratch = new float[dimension];
        for (int r = 0; r < rows; r++) {
            encode(r, scratch);
        }
    }

    @Override
    void encode(int r, float[] scratch) {
        codable(r, scratch);
        byte[] chunk = codes[r >>> codeShift];
        double squared = 0;
        for (int j = 0, at = codeIndex(r); j < dimension; j++, at += BLOCK) {
            chunk[at] = quantize(j, scratch[j]);
            double centred = (double) scratch[j] - centres[j];
            squared += centred * centred;
        }
        if (!cosine) {
            squaredNorms[r >>> shift][r & mask()] = squared < Double.POSITIVE_INFINITY ? (float) squared
                    : Float.POSITIVE_INFINITY; // a NaN would hide the chunk's other rows from the scan
        }
    }

    /** The code of {@code value} in dimension {@code j}: clamped to -127..127; 0 for NaN and a constant dimension. */
    private byte quantize(int j, float value) {
        if (scales[j] == 0) {
            return 0;
        }
        long code = Math.round((value - (double) centres[j]) / scales[j]);
        return (byte) Math.max(-127, Math.min(127, code));
    }

    /** Rows per array of codes, less one. */
    private int codeMask() {
        return (1 << codeShift) - 1;
    }

    /** The index of code 0 of {@code row} in its array of codes: its block, then its lane; code j is {@code 16 j} further. */
    private int codeIndex(int row) {
        int inChunk = row & codeMask();
        return (inChunk / BLOCK) * BLOCK * dimension + inChunk % BLOCK;
    }

    /** Writes {@code exact-int8.bin} (format in the class comment); searches may run meanwhile, changes wait. */
    @Override
    public void save(StoreDirectory directory) throws IOException {
        writeUnderReadLock(() -> ChecksummedFiles.write(directory, FILE, CODEC, VERSION, out -> {
            out.writeInt(dimension);
            ChecksummedFiles.writeString(out, similarity.spec().type());
            out.writeInt(store.size());
            out.writeInt(learnedAt);
            ChecksummedFiles.writeFloats(out, centres == null ? new float[0] : centres);
            ChecksummedFiles.writeFloats(out, scales == null ? new float[0] : scales);
            VectorFiles.writeIdsAndContiguousVectors(out, store);
        }));
    }

    /** The saved index; its floats stay in the file, mapped, when {@code map} asks (see {@link QuantizedScanIndex}). */
    static Int8ScanIndex load(Int8Scan parameters, StoreDirectory directory, Similarity similarity, boolean map)
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
                throw new InvalidFileException(file, "holds an int8 index for the similarity '" + metric
                        + "', which cannot be searched with " + similarity.spec());
            }
            float[] centres = ChecksummedFiles.readFloats(in);
            float[] scales = ChecksummedFiles.readFloats(in);
            int ranges = learnedAt > 0 ? dimension : 0;
            if (centres.length != ranges || scales.length != ranges || learnedAt == 0 && count >= LEARN_ROWS) {
                throw ChecksummedFiles.corrupt(in, centres.length + " centres and " + scales.length + " scales for "
                        + count + " vectors of dimension " + dimension + " learned at " + learnedAt);
            }
            for (int j = 0; j < ranges; j++) {
                if (!Float.isFinite(centres[j]) || !(scales[j] >= 0 && scales[j] < Float.POSITIVE_INFINITY)) {
                    throw ChecksummedFiles.corrupt(in, "invalid range of dimension " + j + ": centre " + centres[j]
                            + ", scale " + scales[j]);
                }
            }
            Int8ScanIndex index = readRows(in, version, count, dimension, mapFile,
                    saved -> new Int8ScanIndex(parameters, dimension, similarity, saved));
            if (ranges > 0) {
                index.setRanges(centres, scales, learnedAt);
            }
            return index;
        });
    }
}
