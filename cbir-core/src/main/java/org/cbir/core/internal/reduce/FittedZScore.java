package org.cbir.core.internal.reduce;

import java.io.IOException;
import java.util.Objects;
import org.cbir.core.Reducer;
import org.cbir.core.internal.io.ChecksummedFiles;
import org.cbir.core.io.StoreDirectory;

/**
 * A fitted {@link ZScore}: per dimension, {@code (x - mean) / sd}, or {@code x - mean} where the
 * sample's standard deviation was 0. Immutable and thread-safe; {@link #apply} returns a new array.
 *
 * <p>Saved as one file, {@value #FILE_NAME}, written with {@link ChecksummedFiles} (codec
 * {@value #CODEC}, version {@value #VERSION}); its body is
 * <pre>
 * Body := means:floats sds:floats        (floats := count:int32 float32*count; equal counts &gt; 0)
 * </pre>
 */
public final class FittedZScore implements Reducer.Fitted {
    /** The file that {@link #save} writes in its directory. */
    public static final String FILE_NAME = "z-score.bin";
    /** The codec name in the file's header. */
    public static final String CODEC = "z-score";
    /** The format version this class writes and reads. */
    public static final int VERSION = 1;

    private final float[] means;
    private final float[] deviations;

    FittedZScore(float[] means, float[] deviations) {
        this.means = means;
        this.deviations = deviations;
    }

    /**
     * A transform with given means and standard deviations (copied).
     *
     * @throws IllegalArgumentException if the lengths differ or are 0, a mean is not finite, or a
     *     standard deviation is negative or not finite
     */
    public static FittedZScore of(float[] means, float[] deviations) {
        Objects.requireNonNull(means, "means");
        Objects.requireNonNull(deviations, "deviations");
        String problem = check(means, deviations);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return new FittedZScore(means.clone(), deviations.clone());
    }

    /**
     * The transform that {@link #save} wrote to {@code directory}.
     *
     * @throws org.cbir.core.io.CorruptFileException if the file is truncated, altered or its
     *     values are invalid
     * @throws org.cbir.core.io.FormatVersionException if it has another format version
     * @throws java.nio.file.NoSuchFileException if there is no such file
     */
    public static FittedZScore load(StoreDirectory directory) throws IOException {
        Objects.requireNonNull(directory, "directory");
        return ChecksummedFiles.read(directory, FILE_NAME, CODEC, VERSION, VERSION, (in, version) -> {
            float[] means = ChecksummedFiles.readFloats(in);
            float[] deviations = ChecksummedFiles.readFloats(in);
            String problem = check(means, deviations);
            if (problem != null) {
                throw ChecksummedFiles.corrupt(in, problem);
            }
            return new FittedZScore(means, deviations);
        });
    }

    @Override
    public void save(StoreDirectory directory) throws IOException {
        ChecksummedFiles.write(directory, FILE_NAME, CODEC, VERSION, out -> {
            ChecksummedFiles.writeFloats(out, means);
            ChecksummedFiles.writeFloats(out, deviations);
        });
    }

    @Override
    public int inputDimension() {
        return means.length;
    }

    @Override
    public int outputDimension() {
        return means.length;
    }

    /** The per-dimension means (a copy). */
    public float[] means() {
        return means.clone();
    }

    /** The per-dimension population standard deviations, 0 where the sample was constant (a copy). */
    public float[] standardDeviations() {
        return deviations.clone();
    }

    @Override
    public float[] apply(float[] signature) {
        Objects.requireNonNull(signature, "signature");
        if (signature.length != means.length) {
            throw new IllegalArgumentException("z-score fitted on " + means.length
                    + " dimensions cannot standardise a signature of " + signature.length);
        }
        float[] out = new float[signature.length];
        for (int d = 0; d < out.length; d++) {
            double centred = (double) signature[d] - means[d];
            out[d] = (float) (deviations[d] == 0f ? centred : centred / deviations[d]);
        }
        return out;
    }

    private static String check(float[] means, float[] deviations) {
        if (means.length == 0 || means.length != deviations.length) {
            return "z-score needs as many means as standard deviations, at least one: got "
                    + means.length + " and " + deviations.length;
        }
        for (int d = 0; d < means.length; d++) {
            if (!Float.isFinite(means[d]) || !Float.isFinite(deviations[d]) || deviations[d] < 0) {
                return "z-score dimension " + d + " has mean " + means[d] + " and standard deviation " + deviations[d];
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "FittedZScore[" + means.length + " dimensions]";
    }
}
