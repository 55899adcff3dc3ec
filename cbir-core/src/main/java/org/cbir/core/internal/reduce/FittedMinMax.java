package org.cbir.core.internal.reduce;

import java.io.IOException;
import java.util.Objects;
import org.cbir.core.Reducer;
import org.cbir.core.internal.io.ChecksummedFiles;
import org.cbir.core.io.StoreDirectory;

/**
 * A fitted {@link MinMaxScaling}: per dimension, {@code clamp((x - min) / (max - min), 0, 1)},
 * or 0 where the sample was constant. Immutable and thread-safe; {@link #apply} returns a new array.
 *
 * <p>Saved as one file, {@value #FILE_NAME}, written with {@link ChecksummedFiles} (codec
 * {@value #CODEC}, version {@value #VERSION}); its body is
 * <pre>
 * Body := minima:floats maxima:floats    (floats := count:int32 float32*count; equal counts &gt; 0)
 * </pre>
 */
public final class FittedMinMax implements Reducer.Fitted {
    /** The file that {@link #save} writes in its directory. */
    public static final String FILE_NAME = "min-max.bin";
    /** The codec name in the file's header. */
    public static final String CODEC = "min-max";
    /** The format version this class writes and reads. */
    public static final int VERSION = 1;

    private final float[] minima;
    private final float[] maxima;

    FittedMinMax(float[] minima, float[] maxima) {
        this.minima = minima;
        this.maxima = maxima;
    }

    /**
     * The transform that {@link #save} wrote to {@code directory}.
     *
     * @throws org.cbir.core.io.CorruptFileException if the file is truncated, altered or its
     *     values are invalid
     * @throws org.cbir.core.io.FormatVersionException if it has another format version
     * @throws java.nio.file.NoSuchFileException if there is no such file
     */
    public static FittedMinMax load(StoreDirectory directory) throws IOException {
        Objects.requireNonNull(directory, "directory");
        return ChecksummedFiles.read(directory, FILE_NAME, CODEC, VERSION, VERSION, (in, version) -> {
            float[] minima = ChecksummedFiles.readFloats(in);
            float[] maxima = ChecksummedFiles.readFloats(in);
            if (minima.length == 0 || minima.length != maxima.length) {
                throw ChecksummedFiles.corrupt(in, "min-max needs as many minima as maxima, at least one: got "
                        + minima.length + " and " + maxima.length);
            }
            for (int d = 0; d < minima.length; d++) {
                if (!Float.isFinite(minima[d]) || !Float.isFinite(maxima[d]) || minima[d] > maxima[d]) {
                    throw ChecksummedFiles.corrupt(in, "min-max dimension " + d + " has range " + minima[d]
                            + " .. " + maxima[d]);
                }
            }
            return new FittedMinMax(minima, maxima);
        });
    }

    @Override
    public void save(StoreDirectory directory) throws IOException {
        ChecksummedFiles.write(directory, FILE_NAME, CODEC, VERSION, out -> {
            ChecksummedFiles.writeFloats(out, minima);
            ChecksummedFiles.writeFloats(out, maxima);
        });
    }

    @Override
    public int inputDimension() {
        return minima.length;
    }

    @Override
    public int outputDimension() {
        return minima.length;
    }

    /** The per-dimension minima of the sample (a copy). */
    public float[] minima() {
        return minima.clone();
    }

    /** The per-dimension maxima of the sample (a copy). */
    public float[] maxima() {
        return maxima.clone();
    }

    @Override
    public float[] apply(float[] signature) {
        Objects.requireNonNull(signature, "signature");
        if (signature.length != minima.length) {
            throw new IllegalArgumentException("min-max fitted on " + minima.length
                    + " dimensions cannot scale a signature of " + signature.length);
        }
        float[] out = new float[signature.length];
        for (int d = 0; d < out.length; d++) {
            double range = (double) maxima[d] - minima[d];
            double scaled = range == 0 ? 0 : ((double) signature[d] - minima[d]) / range;
            out[d] = (float) Math.max(0, Math.min(1, scaled));
        }
        return out;
    }

    @Override
    public String toString() {
        return "FittedMinMax[" + minima.length + " dimensions]";
    }
}
