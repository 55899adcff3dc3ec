package org.cbir.index.pca;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Reducer;
import org.cbir.core.io.InvalidFileException;
import org.cbir.core.io.StoreDirectory;

/**
 * Principal component analysis (Pearson 1901; Hotelling 1933) as a {@link Reducer} recipe:
 * {@link #fit} centres a sample of signatures on its mean and projects every signature onto the
 * leading eigenvectors of the sample covariance, optionally {@linkplain #whitened() whitened} to
 * unit variance per component. This is the reduction pyCBIR applies to CNN signatures before
 * indexing; fitted on the same rows it gives scikit-learn's {@code sklearn.decomposition.PCA}
 * projections up to the sign of each component (tested against a committed fixture).
 *
 * <p>How many components are kept is chosen either directly ({@link #components(int)}) or as the
 * smallest number whose explained variance exceeds a share of the total
 * ({@link #explainedVariance(double)}, scikit-learn's rule for a fractional
 * {@code n_components}).
 *
 * <p>The components are the eigenvectors of the sample covariance (d x d) when the sample has at
 * least as many rows as dimensions, else they come from the eigenvectors of the Gram matrix of the
 * centred rows (n x n), which has the same non-zero spectrum: the decomposed matrix is
 * {@code min(n, d)} square, so fitting costs {@code O(n d min(n, d) + min(n, d)^3)} time and
 * {@code O(min(n, d)^2)} memory, in {@code double} with EJML. Each component's sign is fixed so
 * that its loading of largest magnitude is positive: refitting the same sample gives the same
 * output. See {@link FittedPca} for the whitening floor.
 *
 * <p>Immutable and thread-safe.
 */
public final class Pca implements Reducer {
    /** The component type recorded in manifests. */
    public static final String TYPE = "pca";
    static final String COMPONENTS = "components";
    static final String EXPLAINED_VARIANCE = "explained-variance";
    static final String WHITEN = "whiten";

    private final int components;
    private final double varianceShare;
    private final boolean whiten;

    private Pca(int components, double varianceShare, boolean whiten) {
        this.components = components;
        this.varianceShare = varianceShare;
        this.whiten = whiten;
    }

    /**
     * Keeps the {@code n} components of largest variance; the output dimension is {@code n}.
     *
     * @throws IllegalArgumentException if {@code n < 1} ({@link #fit} also fails when {@code n}
     *     exceeds the sample's row count or dimension)
     */
    public static Pca components(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("PCA must keep at least 1 component, got " + n);
        }
        return new Pca(n, Double.NaN, false);
    }

    /**
     * Keeps the smallest number of components whose explained variance is strictly more than
     * {@code share} of the sample's total variance; a larger share keeps more components (up to
     * all of them) and discards less information.
     *
     * @param share between 0 and 1, both excluded (for example 0.95)
     * @throws IllegalArgumentException if {@code share} is not in (0, 1)
     */
    public static Pca explainedVariance(double share) {
        if (!(share > 0 && share < 1)) {
            throw new IllegalArgumentException("explained variance share must be in (0, 1), got " + share);
        }
        return new Pca(0, share, false);
    }

    /**
     * The same recipe with whitening: each output component is divided by its standard deviation
     * in the sample, so that all components have unit variance (and Euclidean distances weigh
     * them equally instead of by their variance).
     */
    public Pca whitened() {
        return new Pca(components, varianceShare, true);
    }

    /** Rebuilds the recipe that {@link #spec()} describes. */
    public static Pca fromSpec(ComponentSpec spec) {
        if (!TYPE.equals(spec.type())) {
            throw new IllegalArgumentException("not a PCA spec: " + spec);
        }
        boolean whiten = parseBoolean(spec, spec.require(WHITEN));
        boolean byCount = spec.parameters().containsKey(COMPONENTS);
        boolean byShare = spec.parameters().containsKey(EXPLAINED_VARIANCE);
        if (byCount == byShare) {
            throw new IllegalArgumentException("a PCA spec needs exactly one of '" + COMPONENTS + "' and '"
                    + EXPLAINED_VARIANCE + "': " + spec);
        }
        Pca pca = byCount ? components(spec.requireInt(COMPONENTS))
                : explainedVariance(spec.requireDouble(EXPLAINED_VARIANCE));
        return whiten ? pca.whitened() : pca;
    }

    private static boolean parseBoolean(ComponentSpec spec, String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("parameter '" + WHITEN + "' of " + spec
                    + " must be true or false, got " + value);
        };
    }

    /**
     * {@code pca} with {@code components=n} or {@code explained-variance=share}, and
     * {@code whiten=true|false}.
     */
    @Override
    public ComponentSpec spec() {
        return components > 0
                ? ComponentSpec.of(TYPE, COMPONENTS, components, WHITEN, whiten)
                : ComponentSpec.of(TYPE, EXPLAINED_VARIANCE, Double.toString(varianceShare), WHITEN, whiten);
    }

    /**
     * Fits the principal components of {@code sample}.
     *
     * @throws IllegalArgumentException if the sample has fewer than 2 rows, rows of different
     *     lengths, null rows or non-finite values, or fewer rows or dimensions than the
     *     requested number of components
     * @throws ArithmeticException if the eigen-decomposition does not converge
     */
    @Override
    public FittedPca fit(List<float[]> sample) {
        return PcaFitter.fit(sample, components, varianceShare, whiten);
    }

    /**
     * The fitted PCA that {@link FittedPca#save} wrote to {@code directory}.
     *
     * @throws org.cbir.core.io.CorruptFileException if the file is truncated, altered or of
     *     another format version
     * @throws InvalidFileException if the file holds a PCA fitted by another recipe (whitening
     *     or number of components differ)
     */
    public FittedPca load(StoreDirectory directory) throws IOException {
        FittedPca fitted = FittedPca.load(directory);
        if (fitted.whitened() != whiten || (components > 0 && fitted.outputDimension() != components)) {
            throw new InvalidFileException(directory.location(FittedPca.FILE), String.format(Locale.ROOT,
                    "holds a PCA with %d components%s, which the recipe %s cannot have produced",
                    fitted.outputDimension(), fitted.whitened() ? " (whitened)" : "", spec()));
        }
        return fitted;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pca other && other.spec().equals(spec());
    }

    @Override
    public int hashCode() {
        return spec().hashCode();
    }

    @Override
    public String toString() {
        return spec().toString();
    }
}
