package org.cbir.features.fusion;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.cbir.core.ComponentSpec;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.Persistent;
import org.cbir.core.ProgressListener;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.image.Image;
import org.cbir.core.io.StoreDirectory;
import org.cbir.core.spi.ComponentProvider;
import org.cbir.core.spi.ComponentType;

/** Extractors with known outputs for the fusion tests, and their provider (registered for tests). */
final class TestExtractors {
    private TestExtractors() {
    }

    /** Returns the same signature for every image. */
    record Fixed(float[] values) implements FeatureExtractor {
        static final String TYPE = "test-fixed";

        static Fixed of(float... values) {
            return new Fixed(values.clone());
        }

        @Override
        public ComponentSpec spec() {
            StringBuilder sb = new StringBuilder();
            for (float v : values) {
                sb.append(sb.length() > 0 ? "," : "").append(v);
            }
            return ComponentSpec.of(TYPE, "values", sb);
        }

        @Override
        public int dimension() {
            return values.length;
        }

        @Override
        public float[] extract(Image image) {
            return values.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Fixed f && Arrays.equals(values, f.values);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(values);
        }
    }

    /**
     * A "learning" extractor: its signature is {@code {level}}; fit sets the level to the size of
     * the training collection; the level is its saved state.
     */
    record Learning(int level) implements FeatureExtractor, Persistent {
        static final String TYPE = "test-learning";

        @Override
        public ComponentSpec spec() {
            return ComponentSpec.of(TYPE);
        }

        @Override
        public int dimension() {
            return 1;
        }

        @Override
        public float[] extract(Image image) {
            return new float[] {level};
        }

        @Override
        public boolean isTrainable() {
            return true;
        }

        @Override
        public FeatureExtractor fit(ImageCollection training, ProgressListener progress) {
            return new Learning(training.size());
        }

        @Override
        public void save(StoreDirectory directory) throws IOException {
            try (OutputStream out = directory.create("level.txt")) {
                out.write(Integer.toString(level).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** Restores {@link Fixed} and {@link Learning} (state: {@code level.txt}, level 0 without state). */
    public static final class Provider implements ComponentProvider {
        @Override
        public List<ComponentType<?>> componentTypes() {
            return List.of(
                    ComponentType.extractor(Learning.TYPE, (spec, context) -> new Learning(context.state().isEmpty() ? 0
                            : Integer.parseInt(new String(context.state().get().read("level.txt").readAllBytes(),
                                    StandardCharsets.UTF_8)))),
                    ComponentType.extractor(Fixed.TYPE, (spec, context) -> fixed(spec)));
        }

        private static Fixed fixed(ComponentSpec spec) {
            List<String> parsed = spec.requireList("values");
            float[] values = new float[parsed.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = Float.parseFloat(parsed.get(i));
            }
            return new Fixed(values);
        }
    }
}
