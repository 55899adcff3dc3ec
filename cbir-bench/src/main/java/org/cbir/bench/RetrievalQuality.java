package org.cbir.bench;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.Reducer;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.Similarity;
import org.cbir.core.collection.ImageCollection;
import org.cbir.eval.Evaluation;
import org.cbir.eval.EvaluationReport;
import org.cbir.features.TextureDescriptors;
import org.cbir.features.daisy.DaisyExtractor;
import org.cbir.metrics.Similarities;

/**
 * MAP and k-accuracy of every classic descriptor with cosine and Euclidean distance on the
 * shared sample collections, with the paper's protocol: 10% of each class (seeded) fits what
 * needs fitting (the z-score standardisation), the other 90% are indexed and each queried
 * against the rest. Prints the "Retrieval quality" table of BENCHMARKS.md.
 *
 * <p>Arguments: {@code [samples-dir]} (default {@code ../shared/data/pycbir-samples}).
 */
public final class RetrievalQuality {
    private static final double FIT_FRACTION = 0.1;
    private static final long SEED = 42;

    private RetrievalQuality() {
    }

    private record Descriptor(String name, Supplier<FeatureExtractor> extractor, Reducer reducer) {
    }

    public static void main(String[] args) throws Exception {
        Path samples = Path.of(args.length > 0 ? args[0] : "../shared/data/pycbir-samples");
        Map<String, Similarity> metrics = new LinkedHashMap<>();
        metrics.put("cosine", Similarity.cosine());
        metrics.put("Euclidean", Similarities.euclidean());
        System.out.println("| collection | descriptor | metric | MAP | acc@1 | acc@5 | acc@10 | acc@20 | acc@Ω | seconds |");
        System.out.println("|---|---|---|---:|---:|---:|---:|---:|---:|---:|");
        for (String collection : List.of("gisaxs", "fibers_small")) {
            ImageCollection images = ImageCollection.fromFolder(samples.resolve(collection).resolve("database"));
            for (Descriptor d : descriptors()) {
                for (Map.Entry<String, Similarity> metric : metrics.entrySet()) {
                    RetrievalPipeline.Builder pipeline = RetrievalPipeline.builder()
                            .extractor(d.extractor().get()).reducer(d.reducer()).similarity(metric.getValue());
                    EvaluationReport report = Evaluation.builder().pipeline(pipeline)
                            .fitFraction(FIT_FRACTION).seed(SEED).build().run(images);
                    StringBuilder row = new StringBuilder(String.format(Locale.ROOT, "| %s | %s | %s | %.3f |",
                            collection, d.name(), metric.getKey(), report.map()));
                    for (double accuracy : report.kAccuracy()) {
                        row.append(String.format(Locale.ROOT, " %.3f |", accuracy));
                    }
                    row.append(String.format(Locale.ROOT, " %.1f |", report.elapsed().toMillis() / 1000.0));
                    System.out.println(row);
                }
            }
        }
    }

    private static List<Descriptor> descriptors() {
        return List.of(
                new Descriptor("first-order statistics + 32-bin histogram, z-score",
                        () -> FeatureExtractor.firstOrderStatistics(32), Reducer.zScore()),
                new Descriptor("first-order statistics + 32-bin histogram, raw",
                        () -> FeatureExtractor.firstOrderStatistics(32), null),
                new Descriptor("GLCM (pyCBIR's), z-score", TextureDescriptors::glcm, Reducer.zScore()),
                new Descriptor("HOG 64x64", TextureDescriptors::hog, null),
                new Descriptor("LBP 8/1 uniform", TextureDescriptors::lbp, null),
                new Descriptor("Daisy (mean-pooled)", DaisyExtractor::withDefaults, null));
    }
}
