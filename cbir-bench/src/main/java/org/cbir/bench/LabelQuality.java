package org.cbir.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cbir.cluster.AgreementScores;
import org.cbir.cluster.DensityGrouper;
import org.cbir.cluster.Grouping;
import org.cbir.cluster.KMeansGrouper;
import org.cbir.core.ImageRecord;
import org.cbir.core.Index;
import org.cbir.core.Indexes;
import org.cbir.core.ProgressListener;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.Similarities;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.core.label.LabelAccuracy;
import org.cbir.core.label.LabelSuggester;
import org.cbir.core.label.LabelSuggestions;
import org.cbir.core.label.SuggestionMethod;
import org.cbir.features.daisy.DaisyExtractor;
import org.cbir.index.pca.Pca;

/**
 * Accuracy and calibration of label suggestions, and agreement of groupings with the true
 * classes, on the shared GISAXS and fibre collections (Daisy signatures, the best classic
 * descriptor there) and on Fashion-MNIST's 10,000 test images (raw pixels reduced by PCA to 64
 * components), with 1%, 5% and 10% of each class's labels kept (seeded, stratified). The same
 * signatures and kept masks are written to CSV and {@code tools/label_baselines.py} runs plain
 * 1-NN, scikit-learn's LabelSpreading and KMeans on them in the same run; its table follows.
 *
 * <p>Arguments: {@code [samples-dir] [fashion-mnist-dir] [work-dir]}; defaults
 * {@code ../shared/data/pycbir-samples}, {@code /usr/share/datasets/fashion-mnist},
 * {@code cbir-bench/target/label-quality}.
 */
public final class LabelQuality {
    static final double[] FRACTIONS = {0.01, 0.05, 0.10};
    static final long SEED = 42;

    private LabelQuality() {
    }

    /** Signatures (row i has id i) and their true labels. */
    record Data(String name, float[][] rows, String[] labels) {
    }

    public static void main(String[] args) throws Exception {
        Path samples = Path.of(args.length > 0 ? args[0] : "../shared/data/pycbir-samples");
        Path fashion = Path.of(args.length > 1 ? args[1] : "/usr/share/datasets/fashion-mnist");
        Path work = Path.of(args.length > 2 ? args[2] : "cbir-bench/target/label-quality");
        Files.createDirectories(work);
        List<Data> sets = new ArrayList<>();
        for (String collection : List.of("gisaxs", "fibers_small")) {
            sets.add(daisy(collection, ImageCollection.fromFolder(samples.resolve(collection).resolve("database"))));
        }
        sets.add(fashionMnist(fashion));
        System.out.println("| collection | labels kept | method | accuracy | ECE | worst threshold shortfall | acc. at conf >= 0.9 (share) | seconds |");
        System.out.println("|---|---:|---|---:|---:|---:|---:|---:|");
        for (Data d : sets) {
            Index index = index(d);
            List<boolean[]> masks = new ArrayList<>();
            for (double fraction : FRACTIONS) {
                boolean[] kept = kept(d.labels(), fraction);
                masks.add(kept);
                for (Method m : METHODS) {
                    long start = System.nanoTime();
                    List<ImageRecord> records = records(d.labels(), kept);
                    LabelSuggestions s = m.suggester().suggest(index, Similarities.cosine(), records, ProgressListener.NONE);
                    double seconds = (System.nanoTime() - start) / 1e9;
                    LabelAccuracy a = LabelAccuracy.of(s.suggestions(), truths(d.labels(), kept));
                    var high = a.thresholds().get(4);
                    System.out.printf(Locale.ROOT, "| %s | %.0f%% | %s | %.4f | %.4f | %.4f | %.4f (%.2f) | %.1f |%n", d.name(),
                            100 * fraction, m.name(), a.overall().accuracy(), a.expectedCalibrationError(),
                            a.calibrationShortfall(), high.accuracy(), (double) high.count() / a.overall().count(), seconds);
                }
            }
            export(work.resolve(d.name() + ".csv"), d, masks);
        }
        System.out.println();
        System.out.println("| collection | grouping | groups | ARI | NMI | seconds |");
        System.out.println("|---|---|---:|---:|---:|---:|");
        for (Data d : sets) {
            Index index = index(d);
            long[] ids = new long[d.rows().length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = i;
            }
            int classes = new HashSet<>(List.of(d.labels())).size();
            int[] truth = classNumbers(d.labels());
            group(d, truth, "k-means, k = classes", () -> KMeansGrouper.builder().k(classes).seed(SEED).unitLength(true)
                    .build().group(index, ids, ProgressListener.NONE));
            group(d, truth, "k-means, k by silhouette", () -> KMeansGrouper.builder().maxK(12).seed(SEED).unitLength(true)
                    .build().group(index, ids, ProgressListener.NONE));
            int minSize = Math.max(10, d.rows().length / 100);
            group(d, truth, "HDBSCAN*, min size " + minSize, () -> DensityGrouper.builder().minClusterSize(minSize)
                    .build().group(index, ids, ProgressListener.NONE));
        }
        System.out.println();
        System.out.println("Same signatures, same kept masks, scikit-learn (tools/label_baselines.py):");
        System.out.println();
        List<String> command = new ArrayList<>(List.of("/usr/bin/python3", "tools/label_baselines.py"));
        sets.forEach(d -> command.add(work.resolve(d.name() + ".csv").toString()));
        Process python = new ProcessBuilder(command).inheritIO().start();
        if (python.waitFor() != 0) {
            throw new IllegalStateException("tools/label_baselines.py failed");
        }
    }

    private record Method(String name, LabelSuggester suggester) {
    }

    private static final List<Method> METHODS = List.of(
            new Method("1-NN", LabelSuggester.builder().method(SuggestionMethod.VOTE).k(1).seed(SEED).build()),
            new Method("10-NN vote", LabelSuggester.builder().method(SuggestionMethod.VOTE).k(10).seed(SEED).build()),
            new Method("propagation, k = 10", LabelSuggester.builder().method(SuggestionMethod.PROPAGATION).k(10).seed(SEED).build()));

    private interface GroupingRun {
        Grouping run();
    }

    private static void group(Data d, int[] truth, String name, GroupingRun run) {
        long start = System.nanoTime();
        Grouping g = run.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "| %s | %s | %d | %.4f | %.4f | %.1f |%n", d.name(), name, g.groupCount(),
                AgreementScores.adjustedRandIndex(truth, g.groups()),
                AgreementScores.normalisedMutualInformation(truth, g.groups()), seconds);
    }

    static int[] classNumbers(String[] labels) {
        Map<String, Integer> numbers = new HashMap<>();
        int[] truth = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            truth[i] = numbers.computeIfAbsent(labels[i], l -> numbers.size());
        }
        return truth;
    }

    static Index index(Data d) {
        Index index = Indexes.exact().create(d.rows()[0].length, Similarities.cosine());
        for (int i = 0; i < d.rows().length; i++) {
            index.add(i, d.rows()[i]);
        }
        return index;
    }

    /** The same seeded, stratified choice as {@code cbir label --keep-labels}: {@link ImageCollection#split}. */
    static boolean[] kept(String[] labels, double fraction) {
        List<ImageEntry> entries = new ArrayList<>(labels.length);
        for (int i = 0; i < labels.length; i++) {
            entries.add(new ImageEntry.File(Path.of(i + ".png"), labels[i]));
        }
        Set<ImageEntry> train = new HashSet<>(ImageCollection.of(entries).split(fraction, SEED).train().entries());
        boolean[] kept = new boolean[labels.length];
        for (int i = 0; i < kept.length; i++) {
            kept[i] = train.contains(entries.get(i));
        }
        return kept;
    }

    static List<ImageRecord> records(String[] labels, boolean[] kept) {
        List<ImageRecord> records = new ArrayList<>(labels.length);
        for (int i = 0; i < labels.length; i++) {
            records.add(new ImageRecord(i, i + ".png", kept[i] ? labels[i] : null));
        }
        return records;
    }

    static Map<Long, String> truths(String[] labels, boolean[] kept) {
        Map<Long, String> truths = new HashMap<>();
        for (int i = 0; i < labels.length; i++) {
            if (!kept[i]) {
                truths.put((long) i, labels[i]);
            }
        }
        return truths;
    }

    private static Data daisy(String name, ImageCollection images) {
        RetrievalPipeline pipeline = RetrievalPipeline.builder().extractor(DaisyExtractor.withDefaults()).build();
        pipeline.addAll(images);
        Index index = pipeline.index().orElseThrow();
        List<ImageRecord> records = new ArrayList<>(pipeline.records());
        records.sort(Comparator.comparingLong(ImageRecord::id));
        float[][] rows = new float[records.size()][];
        String[] labels = new String[records.size()];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = index.vector(records.get(i).id()).orElseThrow();
            labels[i] = records.get(i).label();
        }
        return new Data(name + " (Daisy)", rows, labels);
    }

    private static Data fashionMnist(Path folder) throws IOException {
        float[][] pixels = IdxFiles.readImages(folder.resolve("t10k-images-idx3-ubyte.gz"), Integer.MAX_VALUE);
        int[] classes = IdxFiles.readLabels(folder.resolve("t10k-labels-idx1-ubyte.gz"), Integer.MAX_VALUE);
        var pca = Pca.components(64).fit(List.of(pixels));
        float[][] rows = new float[pixels.length][];
        String[] labels = new String[pixels.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = pca.apply(pixels[i]);
            labels[i] = Integer.toString(classes[i]);
        }
        return new Data("fashion-mnist test (PCA 64)", rows, labels);
    }

    /** {@code label,kept_1,kept_5,kept_10,x0..x(d-1)}. */
    private static void export(Path file, Data d, List<boolean[]> masks) throws IOException {
        StringBuilder csv = new StringBuilder("label");
        for (double f : FRACTIONS) {
            csv.append(",kept_").append(Math.round(100 * f));
        }
        for (int j = 0; j < d.rows()[0].length; j++) {
            csv.append(",x").append(j);
        }
        csv.append('\n');
        for (int i = 0; i < d.rows().length; i++) {
            csv.append(d.labels()[i]);
            for (boolean[] m : masks) {
                csv.append(',').append(m[i] ? 1 : 0);
            }
            for (float v : d.rows()[i]) {
                csv.append(',').append(v);
            }
            csv.append('\n');
        }
        Files.writeString(file, csv);
    }
}
