package org.cbir.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.cbir.core.ComponentSpec;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.image.Image;
import org.cbir.core.image.Images;
import org.cbir.core.spi.ComponentRegistry;
import org.cbir.core.spi.ComponentRole;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;

/**
 * The scikit-image reference signatures written by {@code tools/texture_reference.py} (grammar
 * in its docstring), and dynamic tests that rebuild each case's extractor from its spec through
 * {@link Components#restore} and compare its signature with the reference.
 *
 * <p>Tolerance: {@code 1e-5 * max(1, |expected|)}. Signatures are floats, whose 24-bit mantissa
 * carries about 7 significant digits, so large values such as a GLCM contrast of 254.2 can only
 * be compared relatively; the inputs are bit-identical on both sides, so the remaining
 * differences are summation order and last-bit differences of library functions.
 */
public final class TextureReference {
    /** Relative tolerance, applied as {@code TOLERANCE * max(1, |expected|)}. */
    public static final double TOLERANCE = 1e-5;
    private static final String RESOURCE = "/org/cbir/features/texture-reference.txt";

    /** One reference signature. */
    public record Case(String type, String image, ComponentSpec spec, double[] expected) {
        @Override
        public String toString() {
            return image + " " + spec;
        }
    }

    private record ImageSource(String name, String kind, String path, int width, int height, int channels, long sum) {
    }

    private static final class Holder {
        static final TextureReference INSTANCE = load();
    }

    private final Map<String, ImageSource> images;
    private final List<Case> cases;

    private TextureReference(Map<String, ImageSource> images, List<Case> cases) {
        this.images = images;
        this.cases = cases;
    }

    /** The reference cases of a component type ({@code glcm}, {@code hog}, {@code lbp}). */
    public static List<Case> cases(String type) {
        return Holder.INSTANCE.cases.stream().filter(c -> c.type().equals(type)).toList();
    }

    /**
     * The image of a case: synthetic ones are made by {@link SyntheticImages}, files are read from
     * the shared samples (the test is skipped when that folder is absent) and checked against
     * the pixel sum scikit-image saw.
     */
    public static Image image(String name) {
        ImageSource source = Holder.INSTANCE.images.get(name);
        if (source == null) {
            throw new IllegalArgumentException("the fixture has no image " + name);
        }
        if (source.kind().equals("synth")) {
            return SyntheticImages.make(source.path(), source.width(), source.height(), source.channels());
        }
        Path dir = samplesDirectory();
        Assumptions.assumeTrue(Files.isDirectory(dir), () -> "shared samples absent: " + dir);
        try {
            Image image = Images.read(dir.resolve(source.path()));
            assertEquals(source.width(), image.width(), name + " width");
            assertEquals(source.height(), image.height(), name + " height");
            double sum = 0;
            for (float v : image.samples()) {
                sum += v;
            }
            assertEquals(source.sum(), sum, 1e-6, name + ": the pixels read differ from scikit-image's");
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shared pyCBIR samples: system property {@code cbir.samples}, else relative to the module. */
    public static Path samplesDirectory() {
        String property = System.getProperty("cbir.samples");
        return property != null ? Path.of(property) : Path.of("..", "..", "shared", "data", "pycbir-samples");
    }

    /** One dynamic test per reference case of {@code type}. */
    public static Stream<DynamicTest> parityTests(String type) {
        List<Case> selected = cases(type);
        if (selected.isEmpty()) {
            throw new IllegalStateException("the fixture has no " + type + " cases");
        }
        return selected.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> check(c)));
    }

    private static void check(Case c) throws IOException {
        FeatureExtractor extractor = ComponentRegistry.standard().restore(ComponentRole.EXTRACTOR, c.spec());
        assertEquals(c.spec(), extractor.spec(), "spec round trip");
        assertEquals(c.expected().length, extractor.dimension(), "dimension");
        float[] actual = extractor.extract(image(c.image()));
        assertEquals(c.expected().length, actual.length, "signature length");
        for (int i = 0; i < actual.length; i++) {
            double expected = c.expected()[i];
            if (Math.abs(actual[i] - expected) > TOLERANCE * Math.max(1.0, Math.abs(expected))) {
                fail(c + ": value " + i + " is " + actual[i] + ", scikit-image gives " + expected);
            }
        }
    }

    private static TextureReference load() {
        Map<String, ImageSource> images = new HashMap<>();
        List<Case> cases = new ArrayList<>();
        try (InputStream in = TextureReference.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" ");
                switch (f[0]) {
                    case "image" -> images.put(f[1], f[2].equals("file")
                            ? new ImageSource(f[1], f[2], f[3], Integer.parseInt(f[4]), Integer.parseInt(f[5]),
                                    Integer.parseInt(f[6]), Long.parseLong(f[7]))
                            : new ImageSource(f[1], f[2], f[3], Integer.parseInt(f[4]), Integer.parseInt(f[5]),
                                    Integer.parseInt(f[6]), 0));
                    case "case" -> {
                        int count = Integer.parseInt(f[4]);
                        if (f.length != 5 + count) {
                            throw new IllegalStateException(RESOURCE + " line " + number + ": expected "
                                    + count + " values, found " + (f.length - 5));
                        }
                        Map<String, String> params = new TreeMap<>();
                        for (String pair : f[3].split(";")) {
                            int eq = pair.indexOf('=');
                            params.put(pair.substring(0, eq), pair.substring(eq + 1));
                        }
                        double[] expected = new double[count];
                        for (int i = 0; i < count; i++) {
                            expected[i] = Double.parseDouble(f[5 + i]);
                        }
                        cases.add(new Case(f[1], f[2], new ComponentSpec(f[1], params), expected));
                    }
                    default -> throw new IllegalStateException(RESOURCE + " line " + number + ": unknown record " + f[0]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new TextureReference(images, cases);
    }
}
