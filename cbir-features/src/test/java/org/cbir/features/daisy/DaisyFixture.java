package org.cbir.features.daisy;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The scikit-image reference cases written by {@code tools/daisy_reference.py} (grammar there). */
final class DaisyFixture {
    static final String RESOURCE = "daisy-reference.bin";

    private DaisyFixture() {
    }

    /** One call of {@code skimage.feature.daisy}: its input, arguments and output. */
    record Case(String name, String source, int width, int height, float[] pixels,
                int step, int radius, int rings, int histograms, int orientations, String normalization,
                double[] sigmas, double[] ringRadii, int rows, int columns, int length,
                float[] descriptors, double[] mean, double[] std) {

        boolean synthetic() {
            return source.isEmpty();
        }

        /** The descriptor built from the same arguments as the reference call. */
        DaisyDescriptor descriptor() {
            DaisyDescriptor.Builder b = DaisyDescriptor.builder()
                    .step(step)
                    .histograms(histograms)
                    .orientations(orientations)
                    .normalization(DaisyNormalization.fromId(normalization));
            if (sigmas != null) {
                b.scikitImageSigmas(sigmas);
            }
            if (ringRadii != null) {
                b.ringRadii(ringRadii);
            } else {
                b.radius(radius);
            }
            if (sigmas == null && ringRadii == null) {
                b.rings(rings);
            }
            return b.build();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Case> load() {
        try (InputStream raw = DaisyFixture.class.getResourceAsStream(RESOURCE)) {
            if (raw == null) {
                throw new IllegalStateException("test resource " + RESOURCE + " is missing");
            }
            DataInputStream in = new DataInputStream(new BufferedInputStream(raw));
            byte[] magic = new byte[8];
            in.readFully(magic);
            if (!"CBIRDSY1".equals(new String(magic, StandardCharsets.US_ASCII))) {
                throw new IllegalStateException(RESOURCE + " is not a DAISY reference fixture");
            }
            int count = in.readInt();
            List<Case> cases = new ArrayList<>(count);
            for (int c = 0; c < count; c++) {
                cases.add(readCase(in));
            }
            return cases;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Case readCase(DataInputStream in) throws IOException {
        String name = in.readUTF();
        String source = in.readUTF();
        int width = in.readInt();
        int height = in.readInt();
        float[] pixels = source.isEmpty() ? floats(in, width * height) : null;
        int step = in.readInt();
        int radius = in.readInt();
        int rings = in.readInt();
        int histograms = in.readInt();
        int orientations = in.readInt();
        String normalization = in.readUTF();
        double[] sigmas = optionalDoubles(in);
        double[] ringRadii = optionalDoubles(in);
        int rows = in.readInt();
        int columns = in.readInt();
        int length = in.readInt();
        float[] descriptors = floats(in, rows * columns * length);
        double[] mean = doubles(in, length);
        double[] std = doubles(in, length);
        return new Case(name, source, width, height, pixels, step, radius, rings, histograms, orientations,
                normalization, sigmas, ringRadii, rows, columns, length, descriptors, mean, std);
    }

    private static float[] floats(DataInputStream in, int n) throws IOException {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readFloat();
        }
        return values;
    }

    private static double[] doubles(DataInputStream in, int n) throws IOException {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = in.readDouble();
        }
        return values;
    }

    private static double[] optionalDoubles(DataInputStream in) throws IOException {
        int n = in.readInt();
        return n < 0 ? null : doubles(in, n);
    }

    static String describe(double[] values) {
        return values == null ? "None" : Arrays.toString(values);
    }
}
