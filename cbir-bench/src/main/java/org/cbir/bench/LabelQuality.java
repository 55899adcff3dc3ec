package org.cbir.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.cbir.cluster.AgreementScores;
import org.cbir.cluster.DensityGrouper;
import org.cbir.cluster.Grouping;
import org.cbir.cluster.KMeansGrouper;
import org.cbir.cluster.label.LabelAccuracy;
import org.cbir.cluster.label.LabelSuggester;
import org.cbir.cluster.label.LabelSuggestions;
import org.cbir.cluster.label.SuggestionMethod;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.ImageRecord;
import org.cbir.core.Index;
import org.cbir.core.IndexView;
import org.cbir.core.IndexFactory;
import org.cbir.core.ProgressListener;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.Similarity;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.features.daisy.DaisyExtractor;
import org.cbir.index.pca.Pca;
import org.cbir.nets.cnn.CnnOptions;
import org.cbir.nets.cnn.CompactCnn;
import org.cbir.nets.lenet.LeNet;
import org.cbir.nets.lenet.LeNetOptions;
import org.cbir.nets.train.Augmentation;

/**
 * Accuracy and calibration of label suggestions, and agreement of groupings with the true
 * classes, on the shared GISAXS and fibre collections and on Fashion-MNIST's 10,000 test images,
 * with 1%, 5% and 10% of each class's labels kept (seeded, stratified). The same signatures and
 * kept masks are written to CSV and {@code tools/label_baselines.py} runs plain 1-NN,
 * scikit-learn's LabelSpreading, KMeans and (scikit-learn 1.3 or later) HDBSCAN on them in the
 * same run; its tables follow.
 *
 * <p>Signatures (system property {@code signatures}, a comma-separated list, default
 * {@code classic}):
 * <ul>
 *   <li>{@code classic}: Daisy (mean-pooled; the best classic descriptor there) on the shared
 *       collections, raw pixels reduced by PCA to 64 components on Fashion-MNIST;</li>
 *   <li>{@code cnn}: the compact CNN ({@link CnnOptions#builder()}) trained, for each share,
 *       on the kept labelled images only, never on a hidden label;</li>
 *   <li>{@code lenet}: LeNet-5 (32x32, no augmentation) trained the same way;</li>
 *   <li>{@code ssl}: the compact CNN trained self-supervised ({@link CnnOptions#simclr()})
 *       on every image of the collection with no label at all, once per collection.</li>
 * </ul>
 * Signatures that learn from labels get one CSV per share (and no grouping rows: they have seen
 * labels); the label-free ones get one CSV with the three masks and the grouping rows. Other
 * system properties: {@code collections} (default {@code gisaxs,fibers_small,fashion-mnist}),
 * {@code epochs} (caps the epochs of cnn, ssl and lenet; default: their own defaults), {@code sslEpochs}
 * (caps those of ssl alone), {@code skipSilhouette} (leaves out the slow k-by-silhouette rows), {@code python}
 * (the interpreter of the baselines, default {@code /usr/bin/python3}; a virtualenv from
 * {@code tools/setup_reference_venv.sh} adds the HDBSCAN rows). All training is seeded (42).
 *
 * <p>Arguments: {@code [samples-dir] [fashion-mnist-dir] [work-dir]}; defaults
 * {@code ../shared/data/pycbir-samples}, {@code /usr/share/datasets/fashion-mnist},
 * {@code cbir-bench/target/label-quality}.
 */
public final class LabelQuality {
    static final double[] FRACTIONS = {0.01, 0.05, 0.10};
    static final long SEED = 42;
    private static final Integer EPOCHS = Integer.getInteger("epochs");
    private static final Integer SSL_EPOCHS = Integer.getInteger("sslEpochs", EPOCHS);
    private static final Set<String> LEARN_FROM_LABELS = Set.of("cnn", "lenet");

    private LabelQuality() {
    }

    /** Signatures (row i has id i) and their true labels. */
    record Data(String name, float[][] rows, String[] labels) {
    }

    /** A fully labelled collection in a fixed order, and the name of its classic signature. */
    private record Source(String name, ImageCollection images, String classic) {
    }

    public static void main(String[] args) throws Exception {
        Path samples = Path.of(args.length > 0 ? args[0] : "../shared/data/pycbir-samples");
        Path fashion = Path.of(args.length > 1 ? args[1] : "/usr/share/datasets/fashion-mnist");
        Path work = Path.of(args.length > 2 ? args[2] : "cbir-bench/target/label-quality");
        List<String> signatures = List.of(System.getProperty("signatures", "classic").split(","));
        List<String> collections = List.of(System.getProperty("collections", "gisaxs,fibers_small,fashion-mnist").split(","));
        String python = System.getProperty("python", "/usr/bin/python3");
        Files.createDirectories(work);
        System.out.println("load average at the start: " + loadAverage());
        List<Data> grouped = new ArrayList<>();
        List<Path> groupedCsv = new ArrayList<>();
        List<Path> labelsOnlyCsv = new ArrayList<>();
        System.out.println("| collection | labels kept | method | accuracy | ECE | worst threshold shortfall | acc. at conf >= 0.9 (share) | seconds |");
        System.out.println("|---|---:|---|---:|---:|---:|---:|---:|");
        for (String collection : collections) {
            Source source = source(collection, samples, fashion);
            String[] labels = labelsOf(source.images());
            List<boolean[]> masks = new ArrayList<>();
            for (double fraction : FRACTIONS) {
                masks.add(kept(labels, fraction));
            }
            for (String signature : signatures) {
                if (LEARN_FROM_LABELS.contains(signature)) {
                    for (int f = 0; f < FRACTIONS.length; f++) {
                        long start = System.nanoTime();
                        Data d = trained(source, signature, labels, masks.get(f), FRACTIONS[f]);
                        System.out.printf(Locale.ROOT, "<!-- %s: signatures trained on %d labelled images and extracted in %.1f s -->%n",
                                d.name(), count(masks.get(f)), (System.nanoTime() - start) / 1e9);
                        suggest(d, List.of(masks.get(f)), new double[] {FRACTIONS[f]});
                        Path csv = work.resolve(fileName(d.name()) + ".csv");
                        export(csv, d, List.of(masks.get(f)), new double[] {FRACTIONS[f]});
                        labelsOnlyCsv.add(csv);
                    }
                } else {
                    long start = System.nanoTime();
                    Data d = labelFree(source, signature, labels);
                    System.out.printf(Locale.ROOT, "<!-- %s: signatures computed in %.1f s -->%n", d.name(),
                            (System.nanoTime() - start) / 1e9);
                    suggest(d, masks, FRACTIONS);
                    Path csv = work.resolve(fileName(d.name()) + ".csv");
                    export(csv, d, masks, FRACTIONS);
                    grouped.add(d);
                    groupedCsv.add(csv);
                }
            }
        }
        if (!grouped.isEmpty()) {
            System.out.println();
            System.out.println("| collection | grouping | groups | ARI | NMI | seconds |");
            System.out.println("|---|---|---:|---:|---:|---:|");
        }
        for (Data d : grouped) {
            Index index = index(d);
            long[] ids = new long[d.rows().length];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = i;
            }
            int classes = new HashSet<>(List.of(d.labels())).size();
            int[] truth = classNumbers(d.labels());
            group(d, truth, "k-means, k = classes", () -> KMeansGrouper.builder().k(classes).seed(SEED).unitLength(true)
                    .build().group(index, ids, ProgressListener.NONE));
            if (!Boolean.getBoolean("skipSilhouette")) {
                group(d, truth, "k-means, k by silhouette", () -> KMeansGrouper.builder().maxK(12).seed(SEED).unitLength(true)
                        .build().group(index, ids, ProgressListener.NONE));
            }
            int minSize = minClusterSize(d.rows().length);
            group(d, truth, "HDBSCAN*, min size " + minSize, () -> DensityGrouper.builder().minClusterSize(minSize)
                    .build().group(index, ids, ProgressListener.NONE));
        }
        System.out.println();
        System.out.println("load average before the baselines: " + loadAverage());
        System.out.println("Same signatures, same kept masks, scikit-learn (tools/label_baselines.py, " + python + "):");
        System.out.println();
        if (!groupedCsv.isEmpty()) {
            baselines(python, List.of(), groupedCsv);
        }
        if (!labelsOnlyCsv.isEmpty()) {
            baselines(python, List.of("--labels-only"), labelsOnlyCsv);
        }
        System.out.println("load average at the end: " + loadAverage());
    }

    /** The smallest group HDBSCAN* keeps here: 1% of the images, at least 10 ({@code tools/label_baselines.py} uses the same). */
    static int minClusterSize(int n) {
        return Math.max(10, n / 100);
    }

    private static void baselines(String python, List<String> flags, List<Path> files) throws Exception {
        List<String> command = new ArrayList<>(List.of(python, "tools/label_baselines.py"));
        command.addAll(flags);
        files.forEach(f -> command.add(f.toString()));
        Process process = new ProcessBuilder(command).inheritIO().start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("tools/label_baselines.py failed");
        }
    }

    private static void suggest(Data d, List<boolean[]> masks, double[] fractions) {
        Index index = index(d);
        for (int f = 0; f < fractions.length; f++) {
            boolean[] kept = masks.get(f);
            for (Method m : METHODS) {
                long start = System.nanoTime();
                List<ImageRecord> records = records(d.labels(), kept);
                LabelSuggestions s = m.suggester().suggest(index, Similarity.cosine(), records, ProgressListener.NONE);
                double seconds = (System.nanoTime() - start) / 1e9;
                LabelAccuracy a = LabelAccuracy.of(s.suggestions(), truths(d.labels(), kept));
                var high = a.thresholds().get(4);
                System.out.printf(Locale.ROOT, "| %s | %.0f%% | %s | %.4f | %.4f | %.4f | %.4f (%.2f) | %.1f |%n", d.name(),
                        100 * fractions[f], m.name(), a.overall().accuracy(), a.expectedCalibrationError(),
                        a.calibrationShortfall(), high.accuracy(), (double) high.count() / a.overall().count(), seconds);
            }
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
                AgreementScores.normalizedMutualInformation(truth, g.groups()), seconds);
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
        Index index = IndexFactory.exact().create(d.rows()[0].length, Similarity.cosine());
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

    private static Source source(String collection, Path samples, Path fashion) throws IOException {
        if (collection.equals("fashion-mnist")) {
            // Labelled by the class digit, as the rows in BENCHMARKS.md were (the kept masks depend on the label names).
            List<ImageEntry> entries = new ArrayList<>();
            for (ImageEntry e : CnnQuality.fashion(fashion, "t10k", Integer.MAX_VALUE, true)) {
                entries.add(new ImageEntry.InMemory(e.name(), e.label().substring("class".length()), ((ImageEntry.InMemory) e).image()));
            }
            return new Source("fashion-mnist test", ImageCollection.of(entries), "PCA 64");
        }
        return new Source(collection, ImageCollection.fromFolder(samples.resolve(collection).resolve("database")), "Daisy");
    }

    private static String[] labelsOf(ImageCollection images) {
        return images.entries().stream().map(ImageEntry::label).toArray(String[]::new);
    }

    /** Signatures that read no label: the classic ones, or the CNN trained self-supervised on every image. */
    private static Data labelFree(Source source, String signature, String[] labels) {
        return switch (signature) {
            case "classic" -> source.classic().equals("Daisy")
                    ? new Data(source.name() + " (Daisy)", rows(source.images(), DaisyExtractor::withDefaults, null), labels)
                    : new Data(source.name() + " (PCA 64)", pcaPixels(source.images(), 64), labels);
            case "ssl" -> new Data(source.name() + " (ssl CNN)",
                    rows(source.images(), () -> {
                        CnnOptions.Builder ssl = CnnOptions.simclr().seed(SEED);
                        return CompactCnn.of((SSL_EPOCHS == null ? ssl : ssl.maxEpochs(SSL_EPOCHS)).build());
                    }, withoutLabels(source.images())),
                    labels);
            default -> throw new IllegalArgumentException("unknown signature '" + signature + "'; choose classic, cnn, lenet or ssl");
        };
    }

    /** Signatures of a network trained on the kept labelled images only. */
    private static Data trained(Source source, String signature, String[] labels, boolean[] kept, double fraction) {
        List<ImageEntry> labelled = new ArrayList<>();
        for (int i = 0; i < kept.length; i++) {
            if (kept[i]) {
                labelled.add(source.images().entries().get(i));
            }
        }
        Supplier<FeatureExtractor> extractor = switch (signature) {
            case "cnn" -> () -> CompactCnn.of(epochs(CnnOptions.builder()).build());
            case "lenet" -> () -> {
                LeNetOptions.Builder lenet = LeNetOptions.builder().augmentation(Augmentation.none()).seed(SEED);
                return LeNet.of((EPOCHS == null ? lenet : lenet.maxEpochs(EPOCHS)).build());
            };
            default -> throw new IllegalArgumentException("unknown signature '" + signature + "'");
        };
        String name = String.format(Locale.ROOT, "%s (%s on %.0f%%)", source.name(), signature.equals("cnn") ? "CNN" : "LeNet",
                100 * fraction);
        return new Data(name, rows(source.images(), extractor, ImageCollection.of(labelled)), labels);
    }

    private static CnnOptions.Builder epochs(CnnOptions.Builder builder) {
        builder.seed(SEED);
        return EPOCHS == null ? builder : builder.maxEpochs(EPOCHS);
    }

    private static ImageCollection withoutLabels(ImageCollection images) {
        List<ImageEntry> entries = new ArrayList<>(images.size());
        for (ImageEntry e : images) {
            entries.add(e instanceof ImageEntry.File f ? new ImageEntry.File(f.path(), null)
                    : new ImageEntry.InMemory(e.name(), null, ((ImageEntry.InMemory) e).image()));
        }
        return ImageCollection.of(entries);
    }

    /** Row i: the signature of entry i, from a pipeline fitted on {@code fitting} when the extractor trains. */
    private static float[][] rows(ImageCollection images, Supplier<FeatureExtractor> extractor, ImageCollection fitting) {
        RetrievalPipeline pipeline = RetrievalPipeline.builder().extractor(extractor.get()).similarity(Similarity.cosine()).build();
        if (pipeline.extractor().isTrainable()) {
            pipeline.fit(fitting, ProgressListener.NONE);
        }
        pipeline.addAll(images);
        IndexView index = pipeline.index().orElseThrow();
        Map<String, Long> ids = new HashMap<>();
        for (ImageRecord r : pipeline.records()) {
            ids.put(r.path(), r.id());
        }
        float[][] rows = new float[images.size()][];
        for (int i = 0; i < rows.length; i++) {
            String name = images.entries().get(i).name();
            Long id = ids.get(name);
            if (id == null) {
                throw new IllegalStateException("image " + name + " was not indexed");
            }
            rows[i] = index.vector(id).orElseThrow();
        }
        return rows;
    }

    private static float[][] pcaPixels(ImageCollection images, int components) {
        List<float[]> pixels = new ArrayList<>(images.size());
        for (ImageEntry e : images) {
            pixels.add(((ImageEntry.InMemory) e).image().samples());
        }
        var pca = Pca.components(components).fit(pixels);
        float[][] rows = new float[pixels.size()][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = pca.apply(pixels.get(i));
        }
        return rows;
    }

    private static int count(boolean[] mask) {
        int n = 0;
        for (boolean b : mask) {
            n += b ? 1 : 0;
        }
        return n;
    }

    private static String fileName(String dataName) {
        return dataName.replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-+$", "");
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    /** {@code label,kept_1,kept_5,kept_10,x0..x(d-1)}. */
    private static void export(Path file, Data d, List<boolean[]> masks, double[] fractions) throws IOException {
        StringBuilder csv = new StringBuilder("label");
        for (double f : fractions) {
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
