package org.cbir.core.search;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.stream.IntStream;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Index;
import org.cbir.core.Neighbor;
import org.cbir.core.Similarity;
import org.cbir.core.io.ChecksummedFiles;

/**
 * Brute-force search: every query is compared with every stored vector, so results are the
 * true k nearest neighbours under any {@link Similarity}; the ground truth for the approximate
 * indexes. Large indexes are scanned in parallel blocks on the common fork-join pool.
 *
 * <p>Thread-safe: searches share a read lock, {@link #add} and {@link #remove} take the write
 * lock. Removal moves the last vector into the freed slot, so storage stays dense.
 */
public final class ExactIndex implements Index {
    static final String TYPE = "exact";
    static final String CODEC = "cbir.exact-index";
    static final int VERSION = 1;
    static final String FILE = "vectors.bin";
    private static final int PARALLEL_THRESHOLD = 20_000;
    private static final int BLOCK = 8_192;

    private final int dimension;
    private final Similarity similarity;
    private final ReadWriteLock lock = new ReentrantReadWriteLock();
    private final List<float[]> vectors = new ArrayList<>();
    private final List<Long> idsByRow = new ArrayList<>();
    private final Map<Long, Integer> rowsById = new HashMap<>();

    ExactIndex(int dimension, Similarity similarity) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be positive, got " + dimension);
        }
        this.dimension = dimension;
        this.similarity = Objects.requireNonNull(similarity, "similarity");
    }

    @Override
    public ComponentSpec spec() {
        return ComponentSpec.of(TYPE);
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public int size() {
        lock.readLock().lock();
        try {
            return vectors.size();
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void add(long id, float[] vector) {
        requireDimension(vector, "vector");
        float[] copy = vector.clone();
        lock.writeLock().lock();
        try {
            if (rowsById.containsKey(id)) {
                throw new IllegalArgumentException("id " + id + " is already in the index");
            }
            rowsById.put(id, vectors.size());
            vectors.add(copy);
            idsByRow.add(id);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public boolean remove(long id) {
        lock.writeLock().lock();
        try {
            Integer row = rowsById.remove(id);
            if (row == null) {
                return false;
            }
            int last = vectors.size() - 1;
            if (row != last) {
                long movedId = idsByRow.get(last);
                vectors.set(row, vectors.get(last));
                idsByRow.set(row, movedId);
                rowsById.put(movedId, row);
            }
            vectors.remove(last);
            idsByRow.remove(last);
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public boolean contains(long id) {
        lock.readLock().lock();
        try {
            return rowsById.containsKey(id);
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public Optional<float[]> vector(long id) {
        lock.readLock().lock();
        try {
            Integer row = rowsById.get(id);
            return row == null ? Optional.empty() : Optional.of(vectors.get(row).clone());
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public List<Neighbor> search(float[] query, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        requireDimension(query, "query");
        lock.readLock().lock();
        try {
            int n = vectors.size();
            if (n < PARALLEL_THRESHOLD) {
                return sorted(scan(query, k, 0, n));
            }
            int blocks = (n + BLOCK - 1) / BLOCK;
            PriorityQueue<Neighbor> merged = IntStream.range(0, blocks).parallel()
                    .mapToObj(b -> scan(query, k, b * BLOCK, Math.min(n, (b + 1) * BLOCK)))
                    .reduce(new PriorityQueue<>(Collections.reverseOrder()), (x, y) -> merge(x, y, k));
            return sorted(merged);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** The k best of rows [from, to) in a max-heap (worst on top). */
    private PriorityQueue<Neighbor> scan(float[] query, int k, int from, int to) {
        PriorityQueue<Neighbor> heap = new PriorityQueue<>(k + 1, Collections.reverseOrder());
        for (int row = from; row < to; row++) {
            Neighbor candidate = new Neighbor(idsByRow.get(row), similarity.distance(query, vectors.get(row)));
            if (heap.size() < k) {
                heap.add(candidate);
            } else if (candidate.compareTo(heap.peek()) < 0) {
                heap.poll();
                heap.add(candidate);
            }
        }
        return heap;
    }

    private static PriorityQueue<Neighbor> merge(PriorityQueue<Neighbor> a, PriorityQueue<Neighbor> b, int k) {
        PriorityQueue<Neighbor> out = new PriorityQueue<>(Collections.reverseOrder());
        out.addAll(a);
        for (Neighbor n : b) {
            out.add(n);
            if (out.size() > k) {
                out.poll();
            }
        }
        while (out.size() > k) {
            out.poll();
        }
        return out;
    }

    private static List<Neighbor> sorted(PriorityQueue<Neighbor> heap) {
        List<Neighbor> result = new ArrayList<>(heap);
        Collections.sort(result);
        return result;
    }

    @Override
    public void save(Path directory) throws IOException {
        lock.readLock().lock();
        try {
            ChecksummedFiles.write(directory.resolve(FILE), CODEC, VERSION, out -> {
                out.writeInt(dimension);
                out.writeInt(vectors.size());
                for (int row = 0; row < vectors.size(); row++) {
                    out.writeLong(idsByRow.get(row));
                    ChecksummedFiles.writeFloats(out, vectors.get(row));
                }
            });
        } finally {
            lock.readLock().unlock();
        }
    }

    static ExactIndex load(Path directory, Similarity similarity) throws IOException {
        Path file = directory.resolve(FILE);
        return ChecksummedFiles.read(file, CODEC, VERSION, VERSION, (in, version) -> {
            int dimension = in.readInt();
            int count = in.readInt();
            if (dimension < 1 || count < 0) {
                throw new org.cbir.core.io.CorruptFileException(file,
                        "invalid dimension " + dimension + " or count " + count);
            }
            ExactIndex index = new ExactIndex(dimension, similarity);
            for (int i = 0; i < count; i++) {
                long id = in.readLong();
                float[] vector = ChecksummedFiles.readFloats(in);
                if (vector.length != dimension) {
                    throw new org.cbir.core.io.CorruptFileException(file, "vector " + i + " has length "
                            + vector.length + ", expected " + dimension);
                }
                index.add(id, vector);
            }
            return index;
        });
    }

    private void requireDimension(float[] vector, String what) {
        Objects.requireNonNull(vector, what);
        if (vector.length != dimension) {
            throw new IllegalArgumentException("dimension mismatch: " + what + " has length "
                    + vector.length + " but the index holds vectors of dimension " + dimension);
        }
    }

    @Override
    public String toString() {
        return "ExactIndex[dimension=" + dimension + ", size=" + size() + ", " + similarity.spec() + "]";
    }
}
