package org.cbir.cluster.label;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cbir.core.ImageRecord;
import org.cbir.core.Index;
import org.cbir.core.IndexFactory;
import org.cbir.core.ProgressListener;
import org.cbir.core.Similarity;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LabelSuggesterTest {

    private static float[] angle(double degrees) {
        double r = Math.toRadians(degrees);
        return new float[] {(float) Math.cos(r), (float) Math.sin(r)};
    }

    /** Points on the unit circle (cosine distance grows with the angle between them). */
    private static Index circle(double... degrees) {
        Index index = IndexFactory.exact().create(2, Similarity.cosine());
        for (int i = 0; i < degrees.length; i++) {
            index.add(i, angle(degrees[i]));
        }
        return index;
    }

    private static List<ImageRecord> records(String... labels) {
        List<ImageRecord> records = new ArrayList<>();
        for (int i = 0; i < labels.length; i++) {
            records.add(new ImageRecord(i, "img" + i + ".png", labels[i]));
        }
        return records;
    }

    @Test
    void voteWorkedByHand() {
        // A at 0, 5, 10 degrees; B at 80, 85, 90; unlabelled at 20, 42 and 55 degrees.
        Index index = circle(0, 5, 10, 80, 85, 90, 20, 42, 55);
        List<ImageRecord> records = records("A", "A", "A", "B", "B", "B", null, null, null);
        LabelSuggestions s = LabelSuggester.builder().method(SuggestionMethod.VOTE).k(3).neighborsShown(3).build()
                .suggest(index, Similarity.cosine(), records, ProgressListener.NONE);
        // Leave-one-out on the labelled: each is voted 2 of 3 for its own class, so 2/3 calibrates
        // to 6 right of 6, smoothed (6 + 1) / (6 + 2).
        assertEquals(List.of(new IsotonicCalibration.Step(2.0 / 3, 7.0 / 8, 6)), s.calibration().steps());
        Suggestion at20 = s.suggestions().get(0);
        Suggestion at42 = s.suggestions().get(1);
        Suggestion at55 = s.suggestions().get(2);
        assertEquals("A", at20.label());
        assertEquals(1.0, at20.score());       // 10, 5, 0: all A
        assertEquals("A", at42.label());
        assertEquals(2.0 / 3, at42.score());   // 10 A (32), 5 A (37), 80 B (38)
        assertEquals(List.of(2L, 1L, 3L), at42.labelledNeighbours().stream().map(m -> m.id()).toList());
        assertEquals("B", at55.label());
        assertEquals(1.0, at55.score());       // 80, 85, 90
        assertEquals(7.0 / 8, at42.confidence());
        assertEquals(7L, s.reviewQueue().get(0).image().id(), "equal confidence: the lower raw score first");
    }

    @Test
    void propagationFollowsAChainThatTheVoteMisses() {
        // Class A is a dense arc from 0 to 60 degrees, labelled only at its start; B is a cluster
        // at 72-76 degrees. The arc's far end is nearer B's labelled images than A's, so a 2-vote
        // takes B there, while propagation follows the chain of close neighbours back to A.
        List<Double> degrees = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i <= 60; i++) {
            degrees.add((double) i);
            labels.add(i <= 1 ? "A" : null);
        }
        for (double d : new double[] {72, 73, 74, 75, 76}) {
            degrees.add(d);
            labels.add(d <= 73 ? "B" : null);
        }
        Index index = circle(degrees.stream().mapToDouble(Double::doubleValue).toArray());
        List<ImageRecord> records = records(labels.toArray(String[]::new));
        LabelSuggestions vote = LabelSuggester.builder().method(SuggestionMethod.VOTE).k(2).build()
                .suggest(index, Similarity.cosine(), records, ProgressListener.NONE);
        LabelSuggestions spread = LabelSuggester.builder().method(SuggestionMethod.PROPAGATION).k(2).calibrationFolds(2)
                .build().suggest(index, Similarity.cosine(), records, ProgressListener.NONE);
        int at60 = 58; // 61 arc points less the 2 labelled ones come first; 60 degrees is the 59th unlabelled
        assertEquals(60L, vote.suggestions().get(at60).image().id());
        assertEquals("B", vote.suggestions().get(at60).label());
        assertEquals("A", spread.suggestions().get(at60).label());
        assertEquals("B", spread.suggestions().get(spread.suggestions().size() - 1).label());
    }

    @Test
    void calibratedConfidencesKeepTheirPromiseOnASyntheticSet() {
        long seed = 77L;
        Random random = new Random(seed);
        int dimension = 8;
        int classes = 3;
        int n = 1500;
        float[][] centres = new float[classes][dimension];
        for (int c = 0; c < classes; c++) {
            centres[c][c] = 1f;
        }
        Index index = IndexFactory.exact().create(dimension, Similarity.cosine());
        List<ImageEntry> entries = new ArrayList<>();
        Map<Long, String> truths = new HashMap<>();
        for (int i = 0; i < n; i++) {
            int c = i % classes;
            float[] v = new float[dimension];
            for (int j = 0; j < dimension; j++) {
                v[j] = centres[c][j] + (float) (0.45 * random.nextGaussian());
            }
            index.add(i, v);
            truths.put((long) i, "c" + c);
            entries.add(new ImageEntry.File(Path.of("p" + i + ".png"), "c" + c));
        }
        boolean[] kept = keptMask(entries, 0.1, seed);
        List<ImageRecord> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            records.add(new ImageRecord(i, "p" + i + ".png", kept[i] ? "c" + (i % classes) : null));
        }
        for (SuggestionMethod method : SuggestionMethod.values()) {
            LabelSuggestions s = LabelSuggester.builder().method(method).k(10).seed(seed).build()
                    .suggest(index, Similarity.cosine(), records, ProgressListener.NONE);
            LabelAccuracy accuracy = LabelAccuracy.of(s.suggestions(), truths);
            assertEquals(n - 150, accuracy.overall().count());
            assertTrue(accuracy.overall().accuracy() > 0.6 && accuracy.overall().accuracy() < 0.98,
                    "seed " + seed + ", " + method + ": the set should be neither trivial nor random: " + accuracy.overall());
            assertTrue(accuracy.calibrationShortfall() <= 0.05, "seed " + seed + ", " + method + ":\n" + accuracy.toMarkdown());
            assertTrue(accuracy.expectedCalibrationError() <= 0.08, "seed " + seed + ", " + method + ":\n" + accuracy.toMarkdown());
        }
    }

    private static boolean[] keptMask(List<ImageEntry> entries, double fraction, long seed) {
        ImageCollection.Split split = ImageCollection.of(entries).split(fraction, seed);
        java.util.Set<String> kept = new java.util.HashSet<>();
        split.train().forEach(e -> kept.add(e.name()));
        boolean[] mask = new boolean[entries.size()];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = kept.contains(entries.get(i).name());
        }
        return mask;
    }

    @Test
    void badLabelsAreRefusedWithTheirName() {
        Index index = circle(0, 5, 10, 80, 85);
        LabelSuggester suggester = LabelSuggester.builder().k(2).build();
        LabelInputException none = assertThrows(LabelInputException.class, () -> suggester.suggest(index,
                Similarity.cosine(), records(null, null, null, null, null), ProgressListener.NONE));
        assertTrue(none.getMessage().contains("none of the 5 images is labelled"), none.getMessage());
        LabelInputException single = assertThrows(LabelInputException.class, () -> suggester.suggest(index,
                Similarity.cosine(), records("A", "A", null, "B", null), ProgressListener.NONE));
        assertTrue(single.getMessage().contains("'B' has a single labelled image (img3.png)"), single.getMessage());
        LabelSeeds seeds = LabelSeeds.of(records("A", "A", null, "B", "B"));
        LabelInputException typo = assertThrows(LabelInputException.class, () -> seeds.requireKnown(Map.of(2L, "Bb")));
        assertTrue(typo.getMessage().contains("'Bb' (of img2.png) appears only among the unlabelled"), typo.getMessage());
    }

    @Test
    void csvIsReadBackAsAFullyLabelledCollection(@TempDir Path dir) throws Exception {
        Index index = circle(0, 5, 10, 80, 85, 90, 20, 55);
        List<ImageRecord> records = new ArrayList<>(records("A", "A", "A", "B", "B", "B", null, null));
        records.set(7, new ImageRecord(7, dir.resolve("a, \"quoted\".png").toString(), null));
        LabelSuggestions s = LabelSuggester.builder().method(SuggestionMethod.VOTE).k(3).build()
                .suggest(index, Similarity.cosine(), records, ProgressListener.NONE);
        Path csv = dir.resolve("suggestions.csv");
        s.writeCsv(csv);
        ImageCollection back = ImageCollection.fromCsv(csv);
        assertTrue(back.isLabeled(), java.nio.file.Files.readString(csv));
        assertEquals(8, back.size());
        Map<String, String> labelOf = new HashMap<>();
        back.forEach(e -> labelOf.put(Path.of(e.name()).getFileName().toString(), e.label()));
        assertEquals("A", labelOf.get("img6.png"));
        assertEquals("B", labelOf.get("a, \"quoted\".png"));
    }
}
