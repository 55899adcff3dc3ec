package org.cbir.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.image.Image;
import org.cbir.core.io.StoreDirectory;
import org.cbir.core.spi.ComponentProvider;
import org.cbir.core.spi.ComponentType;

/**
 * Small components for pipeline tests, registered through the test class path's
 * META-INF/services: an extractor of the mean grey value per image row, a trainable variant
 * with persisted state, and a reducer that centres signatures on the sample mean.
 */
public final class TestComponents implements ComponentProvider {

    @Override
    public List<ComponentType<?>> componentTypes() {
        return List.of(
                ComponentType.extractor("row-means", (spec, context) -> new RowMeans(spec.requireInt("rows"))),
                ComponentType.extractor("trained-offset", (spec, context) -> new TrainedOffset(
                        Float.parseFloat(readString(context.requireState(spec), "offset.txt")))),
                ComponentType.reducer("centre", (spec, context) -> new Centre()),
                ComponentType.fittedReducer("centre", (spec, context) -> Centre.load(context.requireState(spec))));
    }

    /** The mean intensity of each of the first {@code rows} rows. */
    public record RowMeans(int rows) implements FeatureExtractor {
        @Override
        public ComponentSpec spec() {
            return ComponentSpec.of("row-means", "rows", rows);
        }

        @Override
        public int dimension() {
            return rows;
        }

        @Override
        public float[] extract(Image image) {
            if (image.height() < rows) {
                throw new IllegalArgumentException("needs at least " + rows + " rows, got " + image.height());
            }
            float[] v = image.greyIntensities();
            float[] out = new float[rows];
            for (int y = 0; y < rows; y++) {
                for (int x = 0; x < image.width(); x++) {
                    out[y] += v[y * image.width() + x] / image.width();
                }
            }
            return out;
        }
    }

    /** A "trainable" extractor: learns the number of training images as an offset. */
    public record TrainedOffset(float offset) implements FeatureExtractor, Persistent {
        @Override
        public ComponentSpec spec() {
            return ComponentSpec.of("trained-offset");
        }

        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public float[] extract(Image image) {
            float[] v = image.greyIntensities();
            return new float[] {v[0] + offset, offset};
        }

        @Override
        public boolean isTrainable() {
            return true;
        }

        @Override
        public FeatureExtractor fit(ImageCollection training, ProgressListener progress) {
            return new TrainedOffset(training.size());
        }

        @Override
        public void save(StoreDirectory directory) throws IOException {
            writeString(directory, "offset.txt", Float.toString(offset));
        }
    }

    /** Subtracts the sample mean. */
    public static final class Centre implements Reducer {
        @Override
        public ComponentSpec spec() {
            return ComponentSpec.of("centre");
        }

        @Override
        public Fitted fit(List<float[]> sample) {
            float[] mean = new float[sample.get(0).length];
            for (float[] s : sample) {
                for (int i = 0; i < mean.length; i++) {
                    mean[i] += s[i] / sample.size();
                }
            }
            return new Centred(mean);
        }

        static Fitted load(StoreDirectory directory) throws IOException {
            String[] parts = readString(directory, "mean.txt").split(",");
            float[] mean = new float[parts.length];
            for (int i = 0; i < parts.length; i++) {
                mean[i] = Float.parseFloat(parts[i]);
            }
            return new Centred(mean);
        }
    }

    record Centred(float[] mean) implements Reducer.Fitted {
        @Override
        public int inputDimension() {
            return mean.length;
        }

        @Override
        public int outputDimension() {
            return mean.length;
        }

        @Override
        public float[] apply(float[] signature) {
            float[] out = new float[mean.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = signature[i] - mean[i];
            }
            return out;
        }

        @Override
        public void save(StoreDirectory directory) throws IOException {
            StringBuilder sb = new StringBuilder();
            for (float m : mean) {
                sb.append(sb.length() == 0 ? "" : ",").append(m);
            }
            writeString(directory, "mean.txt", sb.toString());
        }
    }

    static void writeString(StoreDirectory directory, String name, String text) throws IOException {
        try (OutputStream out = directory.create(name)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
    }

    static String readString(StoreDirectory directory, String name) throws IOException {
        try (InputStream in = directory.read(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
