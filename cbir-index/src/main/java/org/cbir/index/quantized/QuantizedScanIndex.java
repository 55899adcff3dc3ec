package org.cbir.index.quantized;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.LongPredicate;
import org.cbir.core.Index;
import org.cbir.core.Neighbor;
import org.cbir.core.Similarity;
import org.cbir.core.SimilarityKind;
import org.cbir.core.internal.index.ExactRerank;
import org.cbir.core.internal.index.GuardedIndex;
import org.cbir.core.internal.index.MappedRows;
import org.cbir.core.internal.index.ParallelRanges;
import org.cbir.core.internal.index.VectorFiles;
import org.cbir.core.internal.index.VectorStore;
import org.cbir.core.internal.index.VectorView;
import org.cbir.core.internal.io.ChecksummedFiles;
import org.cbir.core.io.StoreDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the quantized exact scans share ({@link Int8ScanIndex}, {@link BinaryScanIndex}): the
 * floats and ids in core's {@link VectorStore}, in chunks of {@code 1 << shift} rows like the
 * codes; the code parameters learned at {@value #LEARN_ROWS} vectors and again at each
 * {@value #RELEARN_GROWTH}x growth; and the search: each query coded (or, before learning and for a
 * zero or non-finite query, every row scored exactly), the codes scanned for
 * {@code rerank x k} candidate rows, which {@link ExactRerank} ranks exactly from the floats. A
 * subclass holds the codes and says how to code, learn and scan. Cosine and Euclidean only.
 *
 * <p>The floats are only read to learn, to code and to re-rank, so a saved scan can leave them in
 * its file: {@linkplain #readRows loaded with its files mapped}, the store reads the saved rows in
 * place from a read-only mapping ({@link VectorStore#onMapped}) and holds on the heap only the rows
 * added later; the codes are always on the heap. Files are written in the contiguous layout of
 * {@link VectorFiles} (version {@value #CONTIGUOUS_VERSION}); the block layout of version
 * {@value #BLOCKS_VERSION} is still read, onto the heap.
 *
 * @param <Q> a coded query
 */
abstract class QuantizedScanIndex<Q> extends GuardedIndex {
    /** Vectors held when the code parameters are first learned. */
    static final int LEARN_ROWS = 1024;
    /** Growth since the last learning at which the code parameters are learned again. */
    static final int RELEARN_GROWTH = 8;
    /** Work (rows x per-row cost x queries) below which a scan stays on the calling thread. */
    private static final long PARALLEL_WORK = 1L << 18;
    /** The file version whose vectors are in blocks ({@link VectorFiles#readIdsAndVectors}). */
    static final int BLOCKS_VERSION = 1;
    /** The file version whose vectors are contiguous and can be mapped ({@link VectorFiles#writeIdsAndContiguousVectors}). */
    static final int CONTIGUOUS_VERSION = 2;
    /**
     * About the bytes of codes in one array: many times a store chunk's rows, so that a scan reads
     * long runs of contiguous memory, which the hardware prefetches (BENCHMARKS.md: 1M x 512 int8
     * codes on one thread, 25 ms a pass in 2,048-row arrays against 50 ms in 32-row arrays).
     */
    static final int CODE_CHUNK_BYTES = 1 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(QuantizedScanIndex.class);

    final int dimension;
    final Similarity similarity;
    final boolean cosine;
    /** Rows per chunk of the store and of the codes: {@code 1 << shift}. */
    final int shift;
    final VectorStore store;
    private final int rerank;
    /** Rows when the code parameters were last learned; 0 before. */
    int learnedAt;

    /**
     * @param name the scan's name in error messages
     * @param minChunkRows the fewest rows a chunk holds (a power of two); else chunks of at most 64 Ki floats
     * @param rerank candidates re-ranked per neighbour asked for
     * @param saved the saved rows to read in place, or null for an empty index on the heap
     */
    QuantizedScanIndex(int dimension, Similarity similarity, String name, int minChunkRows, int rerank,
            MappedBase saved) {
        super(dimension, similarity);
        this.dimension = dimension;
        this.similarity = similarity;
        this.cosine = isCosine(similarity, name);
        this.shift = 31 - Integer.numberOfLeadingZeros(Math.max(minChunkRows, Integer.highestOneBit(16384 / dimension)));
        this.store = saved == null ? new VectorStore(dimension, 1 << shift)
                : VectorStore.onMapped(saved.rows(), saved.ids(), 1 << shift);
        this.rerank = rerank;
    }

    /** Saved rows read in place: the mapped floats and their ids, row by row. */
    record MappedBase(MappedRows rows, long[] ids) {
    }

    /**
     * Whether {@code similarity} is cosine (else Euclidean), by its {@link Similarity#kind() kind}.
     *
     * @throws IllegalArgumentException naming the scan, the similarity and the supported ones otherwise
     */
    static boolean isCosine(Similarity similarity, String name) {
        SimilarityKind kind = similarity.kind();
        if (kind == SimilarityKind.COSINE || kind == SimilarityKind.EUCLIDEAN) {
            return kind == SimilarityKind.COSINE;
        }
        throw new IllegalArgumentException("the " + name + " does not support the similarity " + similarity.spec()
                + ": it supports the cosine and Euclidean kinds, whose distances its codes approximate; use the"
                + " exact index for other metrics");
    }

    /**
     * The rows per array of codes as a power of two's exponent: {@value #CODE_CHUNK_BYTES} bytes'
     * worth of rows of {@code codeBytes} bytes, rounded down to a power of two, and at least a
     * store chunk's rows (which are at least a code block's).
     */
    final int codeShift(int codeBytes) {
        return Math.max(shift, 31 - Integer.numberOfLeadingZeros(Math.max(1, CODE_CHUNK_BYTES / codeBytes)));
    }

    /** Whether the code parameters have been learned. */
    abstract boolean learned();

    /** Learns the code parameters from every row and codes every row again. */
    abstract void learn();

    /** Makes room for the code (and any per-row data) of {@code row}, which is {@link VectorStore#rows()} or below. */
    abstract void reserve(int row);

    /** Codes {@code row} with the learned parameters ({@code scratch}: {@link #dimension} floats to use). */
    abstract void encode(int row, float[] scratch);

    /** Appends a row (the id is absent; {@code vector} is owned by the index), with its code once learned. */
    final void append(long id, float[] vector, int offset) {
        reserve(store.rows());
        int row = store.append(id, vector, offset);
        if (learned()) {
            encode(row, new float[dimension]);
        }
    }

    /** The coded {@code query}, or null when it must be scored exactly (a zero or non-finite query). */
    abstract Q code(float[] query);

    /** The candidate rows that the scan of one query found, in no particular order. */
    interface Found {
        int size();

        int row(int i);
    }

    /**
     * The best {@code candidates} rows by the codes for each coded query, among the rows whose id
     * {@code accepts} (every row when null); called under the read lock.
     */
    abstract Found[] candidates(List<Q> queries, int candidates, LongPredicate accepts);

    /**
     * How many parallel ranges of chunks a scan of {@code chunks} chunks should use: one (the
     * calling thread) for small scans, else two per worker thread, at most one per chunk.
     *
     * @param work rows x the cost of scoring one row x queries
     */
    static int scanTasks(int chunks, long work) {
        int threads = ParallelRanges.threads();
        return threads < 2 || chunks < 2 || work < PARALLEL_WORK ? 1 : Math.min(chunks, 2 * threads);
    }

    /** Whether the code parameters have been learned, under the read lock (for tests). */
    final boolean quantized() {
        readLock().lock();
        try {
            return learned();
        } finally {
            readLock().unlock();
        }
    }

    final int mask() {
        return (1 << shift) - 1;
    }

    @Override
    protected final VectorView view() {
        return store;
    }

    @Override
    protected final void insert(long id, float[] vector) {
        append(id, vector, 0);
        int rows = store.rows();
        if (!learned() ? rows >= LEARN_ROWS : rows >= (long) learnedAt * RELEARN_GROWTH) {
            learn();
        }
    }

    @Override
    public final List<Neighbor> search(float[] query, int k) {
        return searchAll(List.of(Index.requireDimension(query, dimension, "query")), k).get(0);
    }

    /** {@inheritDoc} One pass over the codes serves the whole batch. */
    @Override
    public final List<List<Neighbor>> searchAll(List<float[]> queries, int k) {
        Index.requireK(k);
        Index.requireDimensions(queries, dimension);
        return scan(queries, k, null);
    }

    /** {@inheritDoc} The scan skips the rejected vectors, so the candidates are the best accepted ones. */
    @Override
    public final List<Neighbor> search(float[] query, int k, Filter filter) {
        Index.requireK(k);
        Index.requireDimension(query, dimension, "query");
        Objects.requireNonNull(filter, "filter");
        return scan(List.of(query), k, filter.condition().acceptsAll() ? null : filter.accepts()).get(0);
    }

    private List<List<Neighbor>> scan(List<float[]> queries, int k, LongPredicate accepts) {
        readLock().lock();
        try {
            store.requireMappedFileUnchanged();
            int rows = store.rows();
            List<List<Neighbor>> results = new ArrayList<>(Collections.nCopies(queries.size(), List.<Neighbor>of()));
            if (rows == 0 || queries.isEmpty()) {
                return results;
            }
            List<Integer> approximate = new ArrayList<>();
            List<Q> coded = new ArrayList<>();
            for (int q = 0; q < queries.size(); q++) {
                Q code = learned() ? code(queries.get(q)) : null;
                if (code == null) {
                    results.set(q, exactScan(queries.get(q), k, accepts));
                } else {
                    approximate.add(q);
                    coded.add(code);
                }
            }
            if (!approximate.isEmpty()) {
                Found[] found = candidates(coded, (int) Math.min((long) k * rerank, rows), accepts);
                for (int i = 0; i < approximate.size(); i++) {
                    results.set(approximate.get(i), ExactRerank.closestRows(store, found[i]::row, found[i].size(),
                            similarity, queries.get(approximate.get(i)), k));
                }
            }
            return results;
        } finally {
            readLock().unlock();
        }
    }

    /** Every accepted row scored with the similarity: before learning, and for a query without a code. */
    private List<Neighbor> exactScan(float[] query, int k, LongPredicate accepts) {
        int[] accepted = new int[store.rows()];
        int count = 0;
        for (int r = 0; r < accepted.length; r++) {
            if (accepts == null || accepts.test(store.id(r))) {
                accepted[count++] = r;
            }
        }
        return ExactRerank.closestRows(store, i -> accepted[i], count, similarity, query, k);
    }

    /** The values row {@code r} is coded from: the vector, or under cosine its unit vector (zero stays zero). */
    final void codable(int r, float[] target) {
        store.copyRow(r, target, 0);
        if (cosine) {
            double norm = 0;
            for (float v : target) {
                norm += (double) v * v;
            }
            norm = Math.sqrt(norm);
            double inverse = norm > 0 && norm < Double.POSITIVE_INFINITY ? 1 / norm : 0;
            for (int j = 0; j < dimension; j++) {
                target[j] = (float) (target[j] * inverse);
            }
        }
    }

    /**
     * Reads the rows of a saved scan (after its own header fields) into the index that
     * {@code create} makes: mapped in place when {@code mapFile} is the file (on the local file
     * system) and the file has the contiguous layout, else onto the heap.
     *
     * @param create a new, empty index on the heap for null, or on the mapped rows it is given
     * @param mapFile the file to map, or null to read onto the heap
     * @throws org.cbir.core.io.CorruptFileException if the rows do not parse or an id appears twice
     */
    static <I extends QuantizedScanIndex<?>> I readRows(DataInputStream in, int version, int count, int dimension,
            Path mapFile, Function<MappedBase, I> create) throws IOException {
        if (version == BLOCKS_VERSION || mapFile == null) {
            if (mapFile != null) {
                LOG.info("{} has the block format version {}, which cannot be mapped: read it onto the heap; save the"
                        + " index again to map it next time", mapFile, version);
            }
            I index = create.apply(null);
            if (version == BLOCKS_VERSION) {
                VectorFiles.readIdsAndVectors(in, count, dimension, index.store, index::append);
            } else {
                VectorFiles.readIdsAndContiguousVectors(in, count, dimension, index.store, index::append);
            }
            return index;
        }
        VectorFiles.ContiguousRows saved = VectorFiles.locateIdsAndContiguousVectors(in, count, dimension);
        MappedRows rows = MappedRows.map(mapFile, saved.vectorsStart(), dimension, count, 1);
        I index;
        try {
            index = create.apply(new MappedBase(rows, saved.ids()));
        } catch (IllegalArgumentException e) {
            throw ChecksummedFiles.corrupt(in, e.getMessage());
        }
        for (int r = 0; r < count; r++) {
            index.reserve(r);
        }
        return index;
    }

    /** The file {@code name} of {@code directory} to map when {@code map} asks, or null ({@link VectorFiles#localFileToMap}). */
    static Path fileToMap(StoreDirectory directory, String name, boolean map) {
        return map ? VectorFiles.localFileToMap(directory, name) : null;
    }
}
