package org.cbir.bench;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.cbir.cluster.AgreementScores;
import org.cbir.cluster.DensityGrouper;
import org.cbir.cluster.Grouping;
import org.cbir.cluster.KMeansGrouper;
import org.cbir.cluster.graph.NearDuplicates;
import org.cbir.cluster.label.LabelAccuracy;
import org.cbir.cluster.label.LabelSuggester;
import org.cbir.cluster.label.LabelSuggestions;
import org.cbir.core.Index;
import org.cbir.core.ProgressListener;
import org.cbir.core.Similarity;
import org.cbir.index.graph.NeighborGraph;
import org.cbir.metrics.Similarities;

/**
 * Time of {@code cbir group}, {@code cbir duplicates} and label propagation at 100,000 x 64:
 * a seeded mixture of 20 Gaussian groups (centres N(0, 1.5^2) per coordinate, unit spread) with
 * 1,000 planted exact duplicates, in a JVector graph index (Euclidean), so that every k-NN search
 * goes through the index. The same rows are written as float32 to {@code work-dir/rows.f32}
 * (labels in {@code labels.i32}) and {@code tools/grouping_scale_baseline.py} times
 * scikit-learn's KMeans and LabelSpreading on them in the same run.
 *
 * <p>Arguments: {@code [n] [work-dir]}; defaults 100000 and {@code cbir-bench/target/grouping-scale}.
 */
public final class GroupingScale {
    private static final int DIMENSION = 64;
    private static final int GROUPS = 20;
    private static final long SEED = 7;

    private GroupingScale() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path work = Path.of(args.length > 1 ? args[1] : "cbir-bench/target/grouping-scale");
        Files.createDirectories(work);
        Random random = new Random(SEED);
        float[][] centres = new float[GROUPS][DIMENSION];
        for (float[] c : centres) {
            for (int j = 0; j < DIMENSION; j++) {
                c[j] = (float) (1.5 * random.nextGaussian());
            }
        }
        float[][] rows = new float[n][DIMENSION];
        int[] truth = new int[n];
        int duplicates = 1000;
        for (int i = 0; i < n; i++) {
            if (i >= n - duplicates) {
                rows[i] = rows[i - (n - duplicates)].clone();
                truth[i] = truth[i - (n - duplicates)];
                continue;
            }
            truth[i] = random.nextInt(GROUPS);
            for (int j = 0; j < DIMENSION; j++) {
                rows[i][j] = centres[truth[i]][j] + (float) random.nextGaussian();
            }
        }
        write(work, rows, truth);
        Similarity euclidean = Similarities.euclidean();
        long[] ids = new long[n];
        long start = System.nanoTime();
        Index index = NeighborGraph.builder().build().create(DIMENSION, euclidean);
        for (int i = 0; i < n; i++) {
            ids[i] = i;
            index.add(i, rows[i]);
        }
        index.search(rows[0], 1); // builds the graph
        report("graph index of " + n + " x " + DIMENSION, start, "");
        start = System.nanoTime();
        Grouping density = DensityGrouper.builder().minClusterSize(100).build().group(index, ids, ProgressListener.NONE);
        report("HDBSCAN*, min size 100 (15-NN graph through the index)", start, scores(truth, density));
        start = System.nanoTime();
        Grouping kmeans = KMeansGrouper.builder().k(GROUPS).seed(SEED).build().group(index, ids, ProgressListener.NONE);
        report("k-means, k = 20, 10 starts", start, scores(truth, kmeans));
        start = System.nanoTime();
        List<NearDuplicates.Group> found = new NearDuplicates(1e-6, 10).find(index, ids, ProgressListener.NONE);
        report("near-duplicates, 10-NN, threshold 1e-6", start, found.size() + " groups (1000 planted)");
        boolean[] kept = LabelQuality.kept(names(truth), 0.05);
        start = System.nanoTime();
        LabelSuggestions s = LabelSuggester.builder().k(10).seed(SEED).build()
                .suggest(index, euclidean, LabelQuality.records(names(truth), kept), ProgressListener.NONE);
        LabelAccuracy a = LabelAccuracy.of(s.suggestions(), LabelQuality.truths(names(truth), kept));
        report("label propagation, 5% labels, k = 10, 5 calibration folds", start,
                String.format(Locale.ROOT, "accuracy %.4f, ECE %.4f", a.overall().accuracy(), a.expectedCalibrationError()));
        Process python = new ProcessBuilder("/usr/bin/python3", "tools/grouping_scale_baseline.py", work.toString())
                .inheritIO().start();
        if (python.waitFor() != 0) {
            throw new IllegalStateException("tools/grouping_scale_baseline.py failed");
        }
    }

    private static String[] names(int[] truth) {
        String[] names = new String[truth.length];
        for (int i = 0; i < truth.length; i++) {
            names[i] = "g" + truth[i];
        }
        return names;
    }

    private static String scores(int[] truth, Grouping g) {
        return String.format(Locale.ROOT, "%d groups, %d noise, ARI %.4f, NMI %.4f", g.groupCount(), g.noiseCount(),
                AgreementScores.adjustedRandIndex(truth, g.groups()), AgreementScores.normalizedMutualInformation(truth, g.groups()));
    }

    private static void report(String what, long start, String result) {
        System.out.printf(Locale.ROOT, "| cbir | %s | %.1f | %s |%n", what, (System.nanoTime() - start) / 1e9, result);
    }

    private static void write(Path work, float[][] rows, int[] truth) throws Exception {
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(work.resolve("rows.f32"))))) {
            ByteBuffer buffer = ByteBuffer.allocate(4 * DIMENSION).order(ByteOrder.LITTLE_ENDIAN);
            for (float[] row : rows) {
                buffer.clear();
                for (float v : row) {
                    buffer.putFloat(v);
                }
                out.write(buffer.array());
            }
        }
        ByteBuffer labels = ByteBuffer.allocate(4 * truth.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int t : truth) {
            labels.putInt(t);
        }
        Files.write(work.resolve("labels.i32"), labels.array());
    }
}
