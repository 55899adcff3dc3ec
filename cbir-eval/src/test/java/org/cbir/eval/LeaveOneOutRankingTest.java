package org.cbir.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import org.cbir.core.ComponentSpec;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.ImageRecord;
import org.cbir.core.Match;
import org.cbir.core.ProgressListener;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.Similarity;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.core.image.Image;
import org.junit.jupiter.api.Test;

/**
 * The leave-one-out evaluation, whose every query ranks the whole collection (the exact index's
 * ranking path), against rankings computed by brute force: every other image's
 * {@link Similarity#distance} to the query, sorted by distance then id, scored by the same
 * {@link QueryScorer}. AP (bit for bit), N, the predicted labels, the correct flags and the
 * per-rank hit counts must all be identical, with the query excluded and included, for core's
 * cosine and a similarity without a fast path, on 300 images drawn from 40 distinct signatures
 * (so most distances tie and the id decides) in 5 classes.
 */
class LeaveOneOutRankingTest {
    private static final List<Cutoff> CUTOFFS = List.of(Cutoff.of(1), Cutoff.of(5), Cutoff.of(20), Cutoff.classSize());

    @Test
    void scoresEqualThoseOfBruteForceRankings() {
        for (Similarity similarity : List.of(Similarity.cosine(), new Manhattan())) {
            RetrievalPipeline pipeline = RetrievalPipeline.builder().extractor(new FourSamples())
                    .similarity(similarity).threads(2).build();
            pipeline.addAll(collection(new Random(12)));
            for (boolean includeSelf : new boolean[] {false, true}) {
                EvaluationSettings settings = new EvaluationSettings(0, 1, CUTOFFS, includeSelf, false, 3);
                LeaveOneOut.Outcome outcome = LeaveOneOut.run(pipeline, settings, ProgressListener.NONE);
                LeaveOneOut.Outcome expected = bruteForce(pipeline, similarity, includeSelf);
                String what = similarity.spec().type() + (includeSelf ? ", self included" : "");
                assertEquals(expected.classes(), outcome.classes(), what);
                assertEquals(expected.rankingLength(), outcome.rankingLength(), what);
                for (int q = 0; q < expected.scores().size(); q++) {
                    QueryScore want = expected.scores().get(q);
                    QueryScore got = outcome.scores().get(q);
                    assertEquals(want.classIndex(), got.classIndex(), what + ", query " + q);
                    assertEquals(want.relevant(), got.relevant(), what + ", query " + q);
                    assertEquals(want.averagePrecision(), got.averagePrecision(), 0.0, what + ", query " + q);
                    assertArrayEquals(want.predicted(), got.predicted(), what + ", query " + q);
                    assertArrayEquals(want.correct(), got.correct(), what + ", query " + q);
                }
                for (int c = 0; c < expected.hits().length; c++) {
                    assertArrayEquals(expected.hits()[c], outcome.hits()[c], what + ", class " + c);
                }
            }
        }
    }

    /** The outcome computed from brute-force rankings of the stored signatures. */
    private static LeaveOneOut.Outcome bruteForce(RetrievalPipeline pipeline, Similarity similarity,
            boolean includeSelf) {
        List<ImageRecord> records = new ArrayList<>(pipeline.records());
        records.sort(Comparator.comparingLong(ImageRecord::id));
        List<String> classes = List.copyOf(new TreeSet<>(records.stream().map(ImageRecord::label).toList()));
        Map<String, Integer> classIndex = new HashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            classIndex.put(classes.get(c), c);
        }
        int[] classSizes = new int[classes.size()];
        records.forEach(r -> classSizes[classIndex.get(r.label())]++);
        int rankingLength = includeSelf ? records.size() : records.size() - 1;
        QueryScorer scorer = new QueryScorer(classIndex, CUTOFFS, false);
        List<QueryScore> scores = new ArrayList<>();
        int[][] hits = new int[classes.size()][rankingLength];
        Map<Long, float[]> signatures = new HashMap<>();
        records.forEach(r -> signatures.put(r.id(), pipeline.storedSignature(r.id()).orElseThrow()));
        for (ImageRecord query : records) {
            float[] signature = signatures.get(query.id());
            record Scored(ImageRecord record, double distance) {
            }
            List<Scored> all = new ArrayList<>();
            for (ImageRecord r : records) {
                if (includeSelf || r.id() != query.id()) {
                    all.add(new Scored(r, similarity.distance(signature, signatures.get(r.id()))));
                }
            }
            all.sort(Comparator.comparingDouble(Scored::distance).thenComparingLong(s -> s.record().id()));
            List<Match> ranking = new ArrayList<>();
            for (Scored s : all) {
                ranking.add(new Match(ranking.size() + 1, s.record().id(), s.record().path(), s.record().label(),
                        s.distance()));
            }
            int c = classIndex.get(query.label());
            int relevant = includeSelf ? classSizes[c] : classSizes[c] - 1;
            scores.add(scorer.score(query.id(), query.label(), ranking, relevant, hits[c]));
        }
        long[][] total = new long[classes.size()][rankingLength];
        for (int c = 0; c < classes.size(); c++) {
            for (int r = 0; r < rankingLength; r++) {
                total[c][r] = hits[c][r];
            }
        }
        return new LeaveOneOut.Outcome(classes, classSizes, scores, total, rankingLength);
    }

    /** 300 2x2 images drawn from 40 (one of them black) under 5 labels that follow the image loosely. */
    private static ImageCollection collection(Random random) {
        float[][] pool = new float[40][4];
        for (int p = 1; p < pool.length; p++) {
            for (int j = 0; j < 4; j++) {
                pool[p][j] = random.nextInt(4) / 4f + (random.nextInt(3) == 0 ? 0.1f : 0f);
            }
        }
        List<ImageEntry> entries = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            int p = random.nextInt(pool.length);
            String label = "class" + (random.nextInt(4) == 0 ? random.nextInt(5) : p % 5);
            entries.add(new ImageEntry.InMemory("image" + i, label, Image.grey(2, 2, pool[p].clone())));
        }
        return ImageCollection.of(entries);
    }

    /** The sum of absolute differences: a similarity core has no fast path for. */
    static final class Manhattan implements Similarity {
        @Override
        public ComponentSpec spec() {
            return ComponentSpec.of("manhattan");
        }

        @Override
        public double distance(float[] a, float[] b) {
            Similarity.requireSameLength(a, b);
            double sum = 0;
            for (int i = 0; i < a.length; i++) {
                sum += Math.abs((double) a[i] - b[i]);
            }
            return sum;
        }
    }

    /** The four samples of a 2x2 grey image. */
    static final class FourSamples implements FeatureExtractor {
        @Override
        public ComponentSpec spec() {
            return ComponentSpec.of("four-samples");
        }

        @Override
        public int dimension() {
            return 4;
        }

        @Override
        public float[] extract(Image image) {
            return new float[] {image.sample(0, 0, 0), image.sample(1, 0, 0), image.sample(0, 1, 0),
                image.sample(1, 1, 0)};
        }
    }
}
