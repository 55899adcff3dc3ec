package org.cbir.index.ivf;

import java.io.IOException;
import java.util.Objects;
import org.cbir.core.ComponentSpec;
import org.cbir.core.IndexFactory;
import org.cbir.core.Similarity;
import org.cbir.core.io.StoreDirectory;

/**
 * The inverted file with product-quantized lists as an {@link IndexFactory} (spec type
 * {@value #TYPE}, shorthand {@code ivf:pq[:LISTS[:PROBES[:M[:RERANK]]]]}): IVF-ADC of H. Jegou,
 * M. Douze, C. Schmid, "Product Quantization for Nearest Neighbor Search", TPAMI 2011 (section
 * IV), with an exact re-ranking. The same k-means coarse quantizer as {@link InvertedFile}
 * splits the collection into {@code lists} cells; each vector's residual from its cell's
 * centroid is coded in {@code m} bytes by a product quantizer; a query scans the codes of the
 * {@code probes} nearest cells with asymmetric distances, keeps the best {@code rerank x k}
 * vectors and ranks those by the similarity of their float vectors, which the index keeps (as
 * the quantized scans do). See {@link InvertedFilePqIndex} for training, updates and memory.
 *
 * <p>What the parameters do: {@code lists} and {@code probes} as for {@link InvertedFile}
 * ({@code probes} is the speed/recall knob); {@code m}, the bytes of a code, sets how closely
 * the codes rank the vectors of the probed lists (more bytes: a closer ranking and a slower
 * scan; a vector of {@code d < m} dimensions gets {@code d}); {@code rerank}, the candidates
 * re-ranked exactly per neighbour asked for, makes up for the codes' errors (more: higher
 * recall, more float vectors read). Supported similarities: cosine and Euclidean.
 *
 * <p>Measured recall@10 against the exact scan at the defaults (but 64 lists for 20,000 vectors
 * of dimension 16 in 100 Gaussian clusters, {@code InvertedFilePqIndexTest}): 1.000 under cosine
 * and Euclidean; rerank 1 (the codes' own ranking) 0.97 to 0.99. On 5,000 vectors of dimension 128
 * in 10 isotropic clusters, a hard case for 16-byte codes (the neighbours within a cluster lie at
 * nearly equal distances): 0.979, and 0.877 with rerank 8. At 1M x 16 the codes do not pay: see
 * the inverted-file section of BENCHMARKS.md for speed against {@code ivf} and FAISS's IVF-PQ.
 * Immutable and thread-safe.
 */
public final class InvertedFilePq implements IndexFactory {
    /** The component type in specs. */
    public static final String TYPE = "ivf-pq";
    /** Bytes per code (sub-vectors) by default. */
    public static final int DEFAULT_M = 16;
    /** Candidates re-ranked per neighbour asked for, by default. */
    public static final int DEFAULT_RERANK = 16;
    static final String LISTS = "lists";
    static final String PROBES = "probes";
    static final String M = "m";
    static final String RERANK = "rerank";
    static final String SEED = "seed";

    private final int lists;
    private final int probes;
    private final int m;
    private final int rerank;
    private final long seed;

    private InvertedFilePq(Builder b) {
        this.lists = b.lists;
        this.probes = b.probes;
        this.m = b.m;
        this.rerank = b.rerank;
        this.seed = b.seed;
    }

    /**
     * A builder with the defaults: {@value InvertedFile#DEFAULT_LISTS} lists,
     * {@value InvertedFile#DEFAULT_PROBES} probes, {@value #DEFAULT_M} bytes per code, rerank
     * {@value #DEFAULT_RERANK}, seed 42.
     */
    public static Builder builder() {
        return new Builder();
    }

    /** Rebuilds the factory that {@link #spec()} describes. */
    public static InvertedFilePq fromSpec(ComponentSpec spec) {
        if (!TYPE.equals(spec.type())) {
            throw new IllegalArgumentException("not an " + TYPE + " spec: " + spec);
        }
        return builder().lists(spec.requireInt(LISTS)).probes(spec.requireInt(PROBES)).m(spec.requireInt(M))
                .rerank(spec.requireInt(RERANK)).seed(spec.requireLong(SEED)).build();
    }

    /** The k-means cells the vectors are split into. */
    public int lists() {
        return lists;
    }

    /** The cells a query scans. */
    public int probes() {
        return probes;
    }

    /** The bytes of a code (sub-vectors of the product quantizer); {@code min(m, d)} for vectors of dimension d. */
    public int m() {
        return m;
    }

    /** Candidates ranked exactly per neighbour asked for. */
    public int rerank() {
        return rerank;
    }

    /** The seed of the k-means samples and starts. */
    public long seed() {
        return seed;
    }

    /** {@code ivf-pq} with {@code lists}, {@code probes}, {@code m}, {@code rerank} and {@code seed}. */
    @Override
    public ComponentSpec spec() {
        return ComponentSpec.of(TYPE, LISTS, lists, PROBES, probes, M, m, RERANK, rerank, SEED, seed);
    }

    /**
     * A new, empty index.
     *
     * @throws IllegalArgumentException if {@code dimension < 1} or the similarity is neither cosine
     *     nor Euclidean
     */
    @Override
    public InvertedFilePqIndex create(int dimension, Similarity similarity) {
        return new InvertedFilePqIndex(this, dimension, Objects.requireNonNull(similarity, "similarity"));
    }

    /**
     * The index saved in {@code directory}, without training or coding again, searched with this
     * factory's {@code probes} and {@code rerank}.
     *
     * @throws org.cbir.core.io.InvalidFileException if it was saved with another number of lists
     *     or bytes per code, or for another similarity
     * @throws org.cbir.core.io.CorruptFileException if the file is truncated, altered or inconsistent
     */
    public InvertedFilePqIndex load(StoreDirectory directory, Similarity similarity) throws IOException {
        return IvfPqFiles.load(this, directory, Objects.requireNonNull(similarity, "similarity"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InvertedFilePq other && other.lists == lists && other.probes == probes && other.m == m
                && other.rerank == rerank && other.seed == seed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(lists, probes, m, rerank, seed);
    }

    @Override
    public String toString() {
        return spec().toString();
    }

    /** Configures an {@link InvertedFilePq}; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private int lists = InvertedFile.DEFAULT_LISTS;
        private int probes = InvertedFile.DEFAULT_PROBES;
        private int m = DEFAULT_M;
        private int rerank = DEFAULT_RERANK;
        private long seed = 42;

        private Builder() {
        }

        /** The k-means cells, 1 to 65,536 (default {@value InvertedFile#DEFAULT_LISTS}; about sqrt(n) to 4 sqrt(n)). */
        public Builder lists(int lists) {
            this.lists = lists;
            return this;
        }

        /** The cells a query scans, at least 1 (default {@value InvertedFile#DEFAULT_PROBES}): more raise recall and query time. */
        public Builder probes(int probes) {
            this.probes = probes;
            return this;
        }

        /** Bytes per code, 1 to 256 (default {@value #DEFAULT_M}): more rank the candidates more closely and scan slower. */
        public Builder m(int m) {
            this.m = m;
            return this;
        }

        /** Candidates ranked exactly per neighbour asked for, at least 1 (default {@value #DEFAULT_RERANK}). */
        public Builder rerank(int rerank) {
            this.rerank = rerank;
            return this;
        }

        /** The seed of the training samples and the k-means starts (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * The factory.
         *
         * @throws IllegalArgumentException naming the parameter that is out of range
         */
        public InvertedFilePq build() {
            if (lists < 1 || lists > 65_536) {
                throw new IllegalArgumentException("the IVF-PQ index needs 1 to 65,536 lists, got " + lists);
            }
            if (probes < 1) {
                throw new IllegalArgumentException("the IVF-PQ index needs probes >= 1, got " + probes);
            }
            if (m < 1 || m > 256) {
                throw new IllegalArgumentException("the IVF-PQ index needs m (bytes per code) from 1 to 256, got " + m);
            }
            if (rerank < 1) {
                throw new IllegalArgumentException("the IVF-PQ index needs rerank >= 1 (candidates ranked exactly per"
                        + " neighbour asked for), got " + rerank);
            }
            return new InvertedFilePq(this);
        }
    }
}
