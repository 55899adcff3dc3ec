package org.cbir.index.ivf;

import java.io.IOException;
import java.util.Objects;
import org.cbir.core.ComponentSpec;
import org.cbir.core.IndexFactory;
import org.cbir.core.Similarity;
import org.cbir.core.io.StoreDirectory;

/**
 * The inverted-file index as an {@link IndexFactory} (spec type {@value #TYPE}): IVF-Flat of H.
 * Jegou, M. Douze, C. Schmid, "Product Quantization for Nearest Neighbor Search", TPAMI 2011
 * (section IV, the inverted file with exact vectors in the lists). A k-means coarse quantizer
 * splits the collection into {@code lists} cells; a query scans only the {@code probes} cells
 * whose centroids are nearest to it, so it reads about {@code probes / lists} of the vectors, and
 * ranks what it finds exactly. See {@link InvertedFileIndex} for training, updates and memory.
 *
 * <p>{@code lists} trades build and probe cost against the share each probe reads: about
 * {@code sqrt(n)} to {@code 4 sqrt(n)} for n vectors (1,024 for a million); the quantizer is
 * trained once the index holds 40 vectors per list, before which every search is exact.
 * {@code probes} is the speed/recall knob: more probes read more vectors and miss fewer
 * neighbours that lie across a cell boundary. Measured recall@10 against the exact scan: see
 * {@code InvertedFileIndexTest} and the "Inverted file" section of BENCHMARKS.md. Supported
 * similarities: cosine and Euclidean. Immutable and thread-safe.
 */
public final class InvertedFile implements IndexFactory {
    /** The component type in specs. */
    public static final String TYPE = "ivf";
    /** Lists by default. */
    public static final int DEFAULT_LISTS = 1024;
    /** Probes by default. */
    public static final int DEFAULT_PROBES = 8;
    static final String LISTS = "lists";
    static final String PROBES = "probes";
    static final String SEED = "seed";

    private final int lists;
    private final int probes;
    private final long seed;

    private InvertedFile(Builder b) {
        this.lists = b.lists;
        this.probes = b.probes;
        this.seed = b.seed;
    }

    /** A builder with the defaults: {@value #DEFAULT_LISTS} lists, {@value #DEFAULT_PROBES} probes, seed 42. */
    public static Builder builder() {
        return new Builder();
    }

    /** Rebuilds the factory that {@link #spec()} describes. */
    public static InvertedFile fromSpec(ComponentSpec spec) {
        if (!TYPE.equals(spec.type())) {
            throw new IllegalArgumentException("not an " + TYPE + " spec: " + spec);
        }
        return builder().lists(spec.requireInt(LISTS)).probes(spec.requireInt(PROBES)).seed(spec.requireLong(SEED))
                .build();
    }

    /** The k-means cells the vectors are split into. */
    public int lists() {
        return lists;
    }

    /** The cells a query scans. */
    public int probes() {
        return probes;
    }

    /** The seed of the k-means samples and starts. */
    public long seed() {
        return seed;
    }

    /** {@code ivf} with {@code lists}, {@code probes} and {@code seed}. */
    @Override
    public ComponentSpec spec() {
        return ComponentSpec.of(TYPE, LISTS, lists, PROBES, probes, SEED, seed);
    }

    /**
     * A new, empty index.
     *
     * @throws IllegalArgumentException if {@code dimension < 1} or the similarity is neither cosine
     *     nor Euclidean
     */
    @Override
    public InvertedFileIndex create(int dimension, Similarity similarity) {
        return new InvertedFileIndex(this, dimension, Objects.requireNonNull(similarity, "similarity"));
    }

    /**
     * The index saved in {@code directory}, without training again, searched with this factory's
     * {@code probes}.
     *
     * @throws org.cbir.core.io.InvalidFileException if it was saved with another number of lists
     *     or for another similarity
     * @throws org.cbir.core.io.CorruptFileException if the file is truncated, altered or inconsistent
     */
    public InvertedFileIndex load(StoreDirectory directory, Similarity similarity) throws IOException {
        return IvfFiles.load(this, directory, Objects.requireNonNull(similarity, "similarity"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InvertedFile other && other.lists == lists && other.probes == probes && other.seed == seed;
    }

    @Override
    public int hashCode() {
        return Objects.hash(lists, probes, seed);
    }

    @Override
    public String toString() {
        return spec().toString();
    }

    /** Configures an {@link InvertedFile}; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private int lists = DEFAULT_LISTS;
        private int probes = DEFAULT_PROBES;
        private long seed = 42;

        private Builder() {
        }

        /** The k-means cells, 1 to 65,536 (default {@value #DEFAULT_LISTS}; about sqrt(n) to 4 sqrt(n)). */
        public Builder lists(int lists) {
            this.lists = lists;
            return this;
        }

        /** The cells a query scans, at least 1 (default {@value #DEFAULT_PROBES}): more raise recall and query time. */
        public Builder probes(int probes) {
            this.probes = probes;
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
        public InvertedFile build() {
            if (lists < 1 || lists > 65_536) {
                throw new IllegalArgumentException("the inverted file needs 1 to 65,536 lists, got " + lists);
            }
            if (probes < 1) {
                throw new IllegalArgumentException("the inverted file needs probes >= 1, got " + probes);
            }
            return new InvertedFile(this);
        }
    }
}
