package org.cbir.index.lsh;

import java.io.IOException;
import java.util.Objects;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Index;
import org.cbir.core.IndexFactory;
import org.cbir.core.Similarity;
import org.cbir.core.io.StoreDirectory;

/**
 * LSH Forest (M. Bawa, T. Condie, P. Ganesan, "LSH Forest: Self-Tuning Indexes for Similarity
 * Search", WWW 2005), the approximate index of pyCBIR, as an {@link IndexFactory}. Each of
 * {@link Builder#trees} trees hashes every vector with {@link Builder#hashBits} random-hyperplane
 * sign bits (which approximate cosine distance) and keeps the hashes sorted, a flattened prefix
 * tree. A query finds, in every tree, the longest prefix it shares with a stored hash, then
 * descends synchronously in all trees from that depth towards shorter prefixes, collecting every
 * vector whose hash shares the current prefix, until it holds {@code trees x candidates}
 * distinct vectors or reaches prefixes of {@link Builder#minHashMatch} bits (details in
 * {@link LshForestIndex#search}); the candidates are then ranked exactly with the index's
 * {@link Similarity}. As in scikit-learn, {@code candidates} counts per tree (its
 * {@code n_candidates}): the budget of a query is {@code trees x candidates}. This follows
 * scikit-learn's former {@code sklearn.neighbors.LSHForest} (removed in 0.21), with hashes of up
 * to 64 bits held in a {@code long}, so collections far above its 32-bit limit keep enough
 * distinct hashes.
 *
 * <p>More trees or candidates raise recall and query time; longer hashes separate large
 * collections more finely; a larger {@code minHashMatch} stops the descent earlier (fewer, closer
 * candidates). With the defaults, recall@10 against exact cosine search is 0.963 on 5,000
 * clustered vectors of dimension 32 (0.815 with 10 candidates per tree, 0.995 with 150; see
 * {@code LshForestRecallTest}). Immutable and thread-safe.
 */
public final class LshForest implements IndexFactory {
    /** The component type recorded in manifests. */
    public static final String TYPE = "lsh-forest";
    static final String TREES = "trees";
    static final String CANDIDATES = "candidates";
    static final String MIN_HASH_MATCH = "min-hash-match";
    static final String HASH_BITS = "hash-bits";
    static final String SEED = "seed";
    /** The most trees a forest may have: 1,000 trees hold 8 to 12 kB per vector. */
    public static final int MAX_TREES = 1000;

    private final int trees;
    private final int candidates;
    private final int minHashMatch;
    private final int hashBits;
    private final long seed;

    private LshForest(Builder b) {
        this.trees = b.trees;
        this.candidates = b.candidates;
        this.minHashMatch = b.minHashMatch;
        this.hashBits = b.hashBits;
        this.seed = b.seed;
    }

    /** A builder with the defaults: 10 trees, 50 candidates per tree, minHashMatch 4, 32 bits, seed 42. */
    public static Builder builder() {
        return new Builder();
    }

    /** Rebuilds the factory that {@link #spec()} describes. */
    public static LshForest fromSpec(ComponentSpec spec) {
        if (!TYPE.equals(spec.type())) {
            throw new IllegalArgumentException("not an LSH Forest spec: " + spec);
        }
        return builder().trees(spec.requireInt(TREES)).candidates(spec.requireInt(CANDIDATES))
                .minHashMatch(spec.requireInt(MIN_HASH_MATCH)).hashBits(spec.requireInt(HASH_BITS))
                .seed(spec.requireLong(SEED)).build();
    }

    /** The number of hash trees. */
    public int trees() {
        return trees;
    }

    /** Candidates per tree; a query's budget is {@code trees() x candidates()}. */
    public int candidates() {
        return candidates;
    }

    /** The shortest prefix the descent stops at once it has k candidates. */
    public int minHashMatch() {
        return minHashMatch;
    }

    /** Bits per hash, 1 to 64. */
    public int hashBits() {
        return hashBits;
    }

    /** The seed of the random hyperplanes. */
    public long seed() {
        return seed;
    }

    /** {@code lsh-forest} with {@code candidates, hash-bits, min-hash-match, seed, trees}. */
    @Override
    public ComponentSpec spec() {
        return ComponentSpec.of(TYPE, TREES, trees, CANDIDATES, candidates, MIN_HASH_MATCH, minHashMatch,
                HASH_BITS, hashBits, SEED, seed);
    }

    /** A new, empty index; its hyperplanes are drawn from {@code seed}, so equal factories hash alike. */
    @Override
    public LshForestIndex create(int dimension, Similarity similarity) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be positive, got " + dimension);
        }
        return new LshForestIndex(this, dimension, Objects.requireNonNull(similarity, "similarity"),
                Hyperplanes.random(trees, hashBits, dimension, seed));
    }

    /**
     * @throws org.cbir.core.io.InvalidFileException if the saved index was built with other
     *     parameters than this factory's
     */
    public Index load(StoreDirectory directory, Similarity similarity) throws IOException {
        return LshForestFiles.load(this, directory, Objects.requireNonNull(similarity, "similarity"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LshForest other && other.spec().equals(spec());
    }

    @Override
    public int hashCode() {
        return spec().hashCode();
    }

    @Override
    public String toString() {
        return spec().toString();
    }

    /** Configures an {@link LshForest}; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private int trees = 10;
        private int candidates = 50;
        private int minHashMatch = 4;
        private int hashBits = 32;
        private long seed = 42;

        private Builder() {
        }

        /**
         * Independent hash trees, 1 to {@value #MAX_TREES} (default 10): more raise recall, memory (8 to
         * 12 bytes per vector and tree) and query time.
         */
        public Builder trees(int trees) {
            this.trees = trees;
            return this;
        }

        /**
         * Candidates per tree, at least 1 (default 50): a query ranks about
         * {@code trees x candidates} vectors exactly.
         */
        public Builder candidates(int candidates) {
            this.candidates = candidates;
            return this;
        }

        /**
         * The shortest hash prefix the descent goes down to while it looks for candidates, 0 to
         * {@code hashBits} (default 4); it goes shorter only when it has fewer than k.
         */
        public Builder minHashMatch(int minHashMatch) {
            this.minHashMatch = minHashMatch;
            return this;
        }

        /** Bits per hash, 1 to 64 (default 32): longer hashes split large collections more finely. */
        public Builder hashBits(int hashBits) {
            this.hashBits = hashBits;
            return this;
        }

        /** Seed of the random hyperplanes (default 42). */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * The factory.
         *
         * @throws IllegalArgumentException naming the parameter when one is out of range
         */
        public LshForest build() {
            if (trees < 1 || trees > MAX_TREES) {
                throw new IllegalArgumentException("LSH Forest needs 1 to " + MAX_TREES + " trees, got trees=" + trees);
            }
            if (candidates < 1) {
                throw new IllegalArgumentException("LSH Forest needs candidates >= 1, got " + candidates);
            }
            if (hashBits < 1 || hashBits > 64) {
                throw new IllegalArgumentException("LSH Forest hashBits must be 1 to 64, got " + hashBits);
            }
            if (minHashMatch < 0 || minHashMatch > hashBits) {
                throw new IllegalArgumentException("LSH Forest minHashMatch must be 0 to hashBits (" + hashBits
                        + "), got " + minHashMatch);
            }
            return new LshForest(this);
        }
    }
}
