package org.cbir.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.features.daisy.DaisyExtractor;
import org.cbir.index.pca.FittedPca;
import org.cbir.index.pca.Pca;

/**
 * The base vectors and queries of {@link AnnBenchmark}, chosen by the option {@code data}:
 * <ul>
 * <li>{@code synthetic} (options {@code n}, {@code d}, {@code queries}): {@code n} vectors drawn
 *     around 1,000 unit-variance Gaussian centres with sigma 0.3 (centres seed 42, data seed 7),
 *     queries drawn the same way, as in {@code IndexBenchmark};</li>
 * <li>{@code fashion-mnist} (options {@code dir}, default {@code /usr/share/datasets/fashion-mnist},
 *     and {@code queries}): the 60,000 training images as the base and the first {@code queries}
 *     test images as queries, 784 pixel values 0 to 255, the ann-benchmarks set;</li>
 * <li>{@code gisaxs} (options {@code samples}, default {@code ../shared/data/pycbir-samples},
 *     {@code signature} {@code daisy} or {@code histogram}, {@code components}, default 32): the
 *     signatures of the 2,000 GISAXS database images, PCA'd ({@link Pca}, fitted on the base) to
 *     {@code components} dimensions; every 10th image is a query, the other 1,800 the base.</li>
 * </ul>
 */
record AnnData(String name, List<float[]> base, List<float[]> queries) {
    private static final int CLUSTERS = 1000;

    static AnnData load(Map<String, String> options) throws IOException {
        int queries = Integer.parseInt(options.getOrDefault("queries", "1000"));
        String data = options.getOrDefault("data", "synthetic");
        return switch (data) {
            case "synthetic" -> synthetic(Integer.parseInt(options.get("n")), Integer.parseInt(options.get("d")), queries);
            case "fashion-mnist" -> fashionMnist(Path.of(options.getOrDefault("dir", "/usr/share/datasets/fashion-mnist")),
                    queries);
            case "gisaxs" -> gisaxs(Path.of(options.getOrDefault("samples", "../shared/data/pycbir-samples")),
                    options.getOrDefault("signature", "daisy"), Integer.parseInt(options.getOrDefault("components", "32")));
            default -> throw new IllegalArgumentException("data must be synthetic, fashion-mnist or gisaxs, got " + data);
        };
    }

    static AnnData synthetic(int n, int dimension, int queryCount) {
        Random random = new Random(42);
        float[][] centres = new float[CLUSTERS][];
        for (int c = 0; c < CLUSTERS; c++) {
            centres[c] = gaussian(random, dimension, 1f, null);
        }
        List<float[]> queries = new ArrayList<>();
        for (int q = 0; q < queryCount; q++) {
            queries.add(gaussian(random, dimension, 0.3f, centres[random.nextInt(CLUSTERS)]));
        }
        List<float[]> base = new ArrayList<>(n);
        Random data = new Random(7);
        for (int i = 0; i < n; i++) {
            base.add(gaussian(data, dimension, 0.3f, centres[data.nextInt(CLUSTERS)]));
        }
        return new AnnData("synthetic clustered", base, queries);
    }

    static AnnData fashionMnist(Path dir, int queryCount) throws IOException {
        List<float[]> base = Arrays.asList(IdxFiles.readImages(dir.resolve("train-images-idx3-ubyte.gz"), Integer.MAX_VALUE));
        List<float[]> queries = Arrays.asList(IdxFiles.readImages(dir.resolve("t10k-images-idx3-ubyte.gz"), queryCount));
        return new AnnData("Fashion-MNIST", base, queries);
    }

    static AnnData gisaxs(Path samples, String signature, int components) throws IOException {
        FeatureExtractor extractor = switch (signature) {
            case "daisy" -> DaisyExtractor.withDefaults();
            case "histogram" -> FeatureExtractor.firstOrderStatistics(32);
            default -> throw new IllegalArgumentException("signature must be daisy or histogram, got " + signature);
        };
        List<ImageEntry> entries = ImageCollection.fromFolder(samples.resolve("gisaxs").resolve("database")).entries();
        List<float[]> base = new ArrayList<>();
        List<float[]> queries = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            float[] s = extractor.extract(entries.get(i).load());
            (i % 10 == 0 ? queries : base).add(s);
        }
        FittedPca pca = Pca.components(components).fit(base);
        return new AnnData("GISAXS " + signature + " (" + extractor.dimension() + "-d) PCA " + components,
                base.stream().map(pca::apply).toList(), queries.stream().map(pca::apply).toList());
    }

    private static float[] gaussian(Random random, int dimension, float sigma, float[] centre) {
        float[] v = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            v[i] = (centre == null ? 0 : centre[i]) + sigma * (float) random.nextGaussian();
        }
        return v;
    }
}
