package org.cbir.index.pca;

import java.io.DataInputStream;
import java.io.IOException;
import java.util.Objects;
import org.cbir.core.Reducer;
import org.cbir.core.internal.io.ChecksummedFiles;
import org.cbir.core.io.StoreDirectory;

/**
 * A fitted {@link Pca}: maps a signature {@code x} of {@link #inputDimension()} to
 * {@code y[c] = w_c . (x - mean)}, for each kept component {@code w_c} (unit length, by
 * decreasing variance), divided by {@code sqrt(max(variance[c], floor))} when whitened.
 *
 * <p><b>Whitening floor.</b> A component whose sample variance is (nearly) zero would be
 * amplified without bound; the divisor therefore never drops below {@code sqrt(floor)} with
 * {@code floor = }{@value #WHITENING_FLOOR} {@code * variance[0]} (relative to the largest
 * variance; {@code floor = 1} when the sample had no variance at all). Components above the floor,
 * which includes every component of real data worth keeping, are scaled exactly as scikit-learn's
 * {@code PCA(whiten=True)} scales them.
 *
 * <p>Immutable and thread-safe; every returned array is a new copy owned by the caller.
 *
 * <p>File {@value #FILE}, codec {@value #CODEC}, version 1, body (see {@link ChecksummedFiles}):
 * <pre>
 * inputDimension:int32 outputDimension:int32 whiten:boolean
 * mean:doubles(inputDimension) variance:doubles(outputDimension) ratio:doubles(outputDimension)
 * components:doubles(outputDimension * inputDimension)   (row-major, one component per row)
 * </pre>
 */
public final class FittedPca implements Reducer.Fitted {
    /** Divisors of whitened components never fall below the square root of this share of the largest variance. */
    public static final double WHITENING_FLOOR = 1e-10;
    static final String FILE = "pca.bin";
    static final String CODEC = "cbir.pca";
    static final int VERSION = 1;

    private final double[] mean;
    private final double[] variance;
    private final double[] ratio;
    private final double[] components;
    private final boolean whiten;
    private final double[] divisors;

    FittedPca(double[] mean, double[] variance, double[] ratio, double[] components, boolean whiten) {
        this.mean = mean;
        this.variance = variance;
        this.ratio = ratio;
        this.components = components;
        this.whiten = whiten;
        this.divisors = new double[variance.length];
        double floor = variance.length > 0 && variance[0] > 0 ? WHITENING_FLOOR * variance[0] : 1;
        for (int c = 0; c < variance.length; c++) {
            divisors[c] = whiten ? Math.sqrt(Math.max(variance[c], floor)) : 1;
        }
    }

    @Override
    public int inputDimension() {
        return mean.length;
    }

    @Override
    public int outputDimension() {
        return variance.length;
    }

    /** Whether outputs are divided by the components' standard deviations. */
    public boolean whitened() {
        return whiten;
    }

    @Override
    public float[] apply(float[] signature) {
        Objects.requireNonNull(signature, "signature");
        int d = mean.length;
        if (signature.length != d) {
            throw new IllegalArgumentException("dimension mismatch: the PCA was fitted on signatures of dimension "
                    + d + ", got one of length " + signature.length);
        }
        double[] centred = new double[d];
        for (int j = 0; j < d; j++) {
            centred[j] = signature[j] - mean[j];
        }
        float[] out = new float[variance.length];
        for (int c = 0; c < out.length; c++) {
            double sum = 0;
            int offset = c * d;
            for (int j = 0; j < d; j++) {
                sum += components[offset + j] * centred[j];
            }
            out[c] = (float) (sum / divisors[c]);
        }
        return out;
    }

    /** The sample mean that inputs are centred on. */
    public double[] mean() {
        return mean.clone();
    }

    /** The kept components as rows of unit length, by decreasing variance, each with its largest loading positive. */
    public double[][] components() {
        int d = mean.length;
        double[][] rows = new double[variance.length][];
        for (int c = 0; c < rows.length; c++) {
            rows[c] = java.util.Arrays.copyOfRange(components, c * d, (c + 1) * d);
        }
        return rows;
    }

    /** The sample variance along each kept component (eigenvalues of the covariance, with {@code n - 1}). */
    public double[] explainedVariance() {
        return variance.clone();
    }

    /** The share of the sample's total variance that each kept component explains. */
    public double[] explainedVarianceRatio() {
        return ratio.clone();
    }

    @Override
    public void save(StoreDirectory directory) throws IOException {
        ChecksummedFiles.write(directory, FILE, CODEC, VERSION, out -> {
            out.writeInt(mean.length);
            out.writeInt(variance.length);
            out.writeBoolean(whiten);
            ChecksummedFiles.writeDoubles(out, mean);
            ChecksummedFiles.writeDoubles(out, variance);
            ChecksummedFiles.writeDoubles(out, ratio);
            ChecksummedFiles.writeDoubles(out, components);
        });
    }

    /** Reads what {@link #save} wrote; see {@link Pca#load} for the checks. */
    static FittedPca load(StoreDirectory directory) throws IOException {
        return ChecksummedFiles.read(directory, FILE, CODEC, VERSION, VERSION, (in, version) -> {
            int d = in.readInt();
            int k = in.readInt();
            boolean whiten = in.readBoolean();
            if (d < 1 || k < 1 || k > d) {
                throw ChecksummedFiles.corrupt(in, "invalid PCA dimensions: input " + d + ", output " + k);
            }
            double[] mean = readDoubles(in, d, "mean");
            double[] variance = readDoubles(in, k, "variance");
            double[] ratio = readDoubles(in, k, "explained variance ratio");
            double[] components = readDoubles(in, (long) k * d, "components");
            return new FittedPca(mean, variance, ratio, components, whiten);
        });
    }

    private static double[] readDoubles(DataInputStream in, long expected, String what) throws IOException {
        double[] values = ChecksummedFiles.readDoubles(in);
        if (values.length != expected) {
            throw ChecksummedFiles.corrupt(in, "the PCA " + what + " has " + values.length + " values, expected "
                    + expected);
        }
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw ChecksummedFiles.corrupt(in, "the PCA " + what + " holds the non-finite value " + v);
            }
        }
        return values;
    }

    @Override
    public String toString() {
        return "FittedPca[" + mean.length + " -> " + variance.length + (whiten ? ", whitened" : "") + "]";
    }
}
