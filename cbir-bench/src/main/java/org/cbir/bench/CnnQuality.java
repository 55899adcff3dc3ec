package org.cbir.bench;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;
import org.cbir.core.ComponentSpec;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.IndexingReport;
import org.cbir.core.ProgressListener;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.Similarity;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.core.image.Image;
import org.cbir.core.image.SampleDepth;
import org.cbir.core.io.StoreDirectory;
import org.cbir.eval.Evaluation;
import org.cbir.eval.EvaluationReport;
import org.cbir.features.TextureDescriptors;
import org.cbir.nets.cnn.CnnExtractor;
import org.cbir.nets.cnn.CnnOptions;
import org.cbir.nets.cnn.CnnTrainingReport;
import org.cbir.nets.cnn.CompactCnn;
import org.cbir.nets.lenet.LeNet;
import org.cbir.nets.lenet.LeNetOptions;
import org.cbir.nets.train.Augmentation;
import org.cbir.nets.train.RandomAugmentation;

/**
 * Retrieval quality of the CNN signatures on Fashion-MNIST (Debian's {@code dataset-fashion-mnist})
 * against raw pixels, LBP, HOG and LeNet, all in one run: every extractor that trains is fitted on
 * the first {@code labelled} training images (labels used), {@code ssl} on the first
 * {@code unlabelled} training images with their labels removed; then the first {@code test} test
 * images are indexed (cosine, exact) and each is queried against the others. Prints one Markdown
 * row per extractor: MAP, top-1 accuracy, training seconds and indexing throughput.
 *
 * <p>Arguments: {@code fashion-dir labelled unlabelled test [extractors...]}, the extractors among
 * {@code pixels lbp hog lenet cnn ssl} (default all), e.g.
 * {@code /usr/share/datasets/fashion-mnist 1000 6000 10000}. System properties: {@code epochs}
 * caps the epochs of the CNNs and LeNet (default: the extractors' defaults), {@code augmentation}
 * sets the CNNs' augmentation in {@link RandomAugmentation}'s text form (default: chosen from the
 * collection), {@code seed} (default 42).
 *
 * <p>{@code throughput COLLECTION EPOCHS [SHARE]} instead trains {@code --extractor cnn} (defaults, at most
 * EPOCHS epochs) on a stratified share (default half) of a collection, e.g. the GISAXS samples
 * (100x100, read at 64x64), and prints the seconds per training epoch and the extraction
 * throughput over the whole collection, with batch normalisation folded into the convolutions
 * and with Deeplearning4j's own layers ({@code cbir.nets.cnn.foldBatchNorm=false}), the same
 * trained network, at 32, 64 and 256 images per call, twice, with the load average
 * ({@code -DtrainingOnly=true}: the training line only).
 */
public final class CnnQuality {
    private static final long SEED = Long.getLong("seed", 42);
    private static final Integer EPOCHS = Integer.getInteger("epochs");
    private static final String AUGMENTATION = System.getProperty("augmentation");

    private CnnQuality() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("throughput")) {
            throughput(Path.of(args[1]), Integer.parseInt(args[2]), args.length > 3 ? Double.parseDouble(args[3]) : 0.5);
            return;
        }
        Path dir = Path.of(args[0]);
        int labelled = Integer.parseInt(args[1]);
        int unlabelled = Integer.parseInt(args[2]);
        int test = Integer.parseInt(args[3]);
        List<String> extractors = args.length > 4 ? List.of(args).subList(4, args.length)
                : List.of("pixels", "lbp", "hog", "lenet", "cnn", "ssl");
        ImageCollection train = fashion(dir, "train", Math.max(labelled, unlabelled), true);
        ImageCollection labelledTrain = ImageCollection.of(train.entries().subList(0, labelled));
        ImageCollection unlabelledTrain = fashion(dir, "train", unlabelled, false);
        ImageCollection testImages = fashion(dir, "t10k", test, true);
        System.out.println("| extractor | trained on | MAP | top-1 | training s | indexing images/s |");
        System.out.println("|---|---|---:|---:|---:|---:|");
        for (String name : extractors) {
            Supplier<FeatureExtractor> extractor = switch (name) {
                case "pixels" -> RawPixels::new;
                case "lbp" -> TextureDescriptors::lbp;
                case "hog" -> TextureDescriptors::hog;
                case "lenet" -> () -> {
                    LeNetOptions.Builder lenet = LeNetOptions.builder().augmentation(Augmentation.none()).seed(SEED);
                    return LeNet.of((EPOCHS == null ? lenet : lenet.maxEpochs(EPOCHS)).build());
                };
                case "cnn" -> () -> CompactCnn.of(epochs(CnnOptions.builder()).build());
                case "ssl" -> () -> CompactCnn.of(epochs(CnnOptions.simclr()).build());
                default -> throw new IllegalArgumentException("unknown extractor " + name);
            };
            ImageCollection fitting = name.equals("ssl") ? unlabelledTrain : labelledTrain;
            RetrievalPipeline pipeline = RetrievalPipeline.builder().extractor(extractor.get())
                    .similarity(Similarity.cosine()).build();
            boolean trains = pipeline.extractor().isTrainable(); // after fit the pipeline holds the fitted extractor
            long start = System.nanoTime();
            if (trains) {
                pipeline.fit(fitting, ProgressListener.NONE);
            }
            double trainingSeconds = (System.nanoTime() - start) / 1e9;
            IndexingReport indexed = pipeline.addAll(testImages, ProgressListener.NONE);
            EvaluationReport report = Evaluation.builder().pipeline(() -> pipeline).build().runIndexed(pipeline);
            System.out.printf(Locale.ROOT, "| %s | %s | %.3f | %.3f | %.0f | %.0f |%n", name,
                    !trains ? "-"
                            : fitting.size() + (name.equals("ssl") ? " unlabelled" : " labelled"),
                    report.map(), report.kAccuracy().get(0), trainingSeconds,
                    indexed.added() / (indexed.elapsed().toNanos() / 1e9));
        }
    }

    private static void throughput(Path collection, int epochs, double share) throws IOException {
        ImageCollection images = ImageCollection.fromFolder(collection);
        ImageCollection train = images.split(share, SEED).train();
        String loadBefore = loadAverage();
        CnnExtractor cnn = CompactCnn.of(CnnOptions.builder().seed(SEED).maxEpochs(epochs).patience(epochs).build())
                .fit(train, ProgressListener.NONE);
        CnnTrainingReport report = cnn.trainingReport().orElseThrow();
        System.out.println("| collection | training images | input | s per epoch | validation MAP per epoch | load before, after |");
        System.out.println("|---|---:|---|---:|---|---|");
        System.out.printf(Locale.ROOT, "| %s | %d | %s | %.1f | %s | %s, %s |%n", collection.getFileName(), train.size(),
                cnn.inputShape(), report.duration().toMillis() / 1000.0 / report.epochs(), report.validationMaps(),
                loadBefore, loadAverage());
        if (Boolean.getBoolean("trainingOnly")) {
            return;
        }
        List<Image> all = new ArrayList<>();
        for (ImageEntry e : images) {
            all.add(e.load());
        }
        // the same trained network, restored once unfolded and once folded (the property is read at restore)
        Path state = Files.createTempDirectory("cnn-throughput");
        try {
            cnn.save(StoreDirectory.local(state));
            CnnExtractor[] extractors = new CnnExtractor[2];
            for (int fold = 0; fold < 2; fold++) {
                System.setProperty(FOLD_PROPERTY, Boolean.toString(fold == 1));
                extractors[fold] = (CnnExtractor) CnnExtractor.restore(cnn.spec(), StoreDirectory.local(state));
            }
            System.clearProperty(FOLD_PROPERTY);
            double difference = maxDifference(extractors[0].extractAll(all), extractors[1].extractAll(all));
            System.out.printf(Locale.ROOT, "%nmax |unfolded - folded| over %d signatures: %.2e%n%n", all.size(), difference);
            System.out.println("| round | batch norm | images per call | images/s | load before, after |");
            System.out.println("|---:|---|---:|---:|---|");
            for (int round = 1; round <= 2; round++) {
                for (int fold = 0; fold < 2; fold++) {
                    for (int perCall : new int[] {32, 64, 256}) {
                        String before = loadAverage();
                        CnnExtractor extractor = extractors[fold];
                        extractor.extractAll(all.subList(0, perCall));
                        long start = System.nanoTime();
                        for (int from = 0; from < all.size(); from += perCall) {
                            extractor.extractAll(all.subList(from, Math.min(all.size(), from + perCall)));
                        }
                        double seconds = (System.nanoTime() - start) / 1e9;
                        System.out.printf(Locale.ROOT, "| %d | %s | %d | %.0f | %s, %s |%n", round,
                                fold == 1 ? "folded" : "Deeplearning4j layers", perCall, all.size() / seconds, before,
                                loadAverage());
                    }
                }
            }
        } finally {
            try (var files = Files.list(state)) {
                for (Path p : files.toList()) {
                    Files.delete(p);
                }
            }
            Files.delete(state);
        }
    }

    private static final String FOLD_PROPERTY = "cbir.nets.cnn.foldBatchNorm";

    private static double maxDifference(List<float[]> a, List<float[]> b) {
        double max = 0;
        for (int i = 0; i < a.size(); i++) {
            for (int k = 0; k < a.get(i).length; k++) {
                max = Math.max(max, Math.abs(a.get(i)[k] - b.get(i)[k]));
            }
        }
        return max;
    }

    /** The 1-minute load average, from /proc/loadavg ("?" where there is none). */
    static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private static CnnOptions.Builder epochs(CnnOptions.Builder builder) {
        builder.seed(SEED);
        if (AUGMENTATION != null) {
            builder.augmentation(RandomAugmentation.parse(AUGMENTATION));
        }
        return EPOCHS == null ? builder : builder.maxEpochs(EPOCHS);
    }

    /** The first {@code limit} images of {@code prefix}-images-idx3-ubyte.gz, labelled by class index or not. */
    static ImageCollection fashion(Path dir, String prefix, int limit, boolean withLabels) throws IOException {
        float[][] pixels = IdxFiles.readImages(dir.resolve(prefix + "-images-idx3-ubyte.gz"), limit);
        byte[] labels = labels(dir.resolve(prefix + "-labels-idx1-ubyte.gz"), pixels.length);
        List<ImageEntry> entries = new ArrayList<>(pixels.length);
        for (int i = 0; i < pixels.length; i++) {
            entries.add(new ImageEntry.InMemory(prefix + "-" + i, withLabels ? "class" + labels[i] : null,
                    Image.of(28, 28, 1, SampleDepth.UINT8, pixels[i])));
        }
        return ImageCollection.of(entries);
    }

    private static byte[] labels(Path file, int count) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(new GZIPInputStream(raw)))) {
            if (in.readInt() != 0x0801) {
                throw new IOException(file + " is not an IDX label file");
            }
            in.readInt();
            byte[] labels = new byte[count];
            in.readFully(labels);
            return labels;
        }
    }

    /** The baseline: the grey pixels themselves, scaled to 0..1, as the signature. */
    static final class RawPixels implements FeatureExtractor {
        @Override
        public ComponentSpec spec() {
            return ComponentSpec.of("raw-pixels");
        }

        @Override
        public int dimension() {
            return 28 * 28;
        }

        @Override
        public float[] extract(Image image) {
            return image.toGrey().normalized().resize(28, 28).samples();
        }
    }
}
