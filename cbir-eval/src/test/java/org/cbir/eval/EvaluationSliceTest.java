package org.cbir.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.core.image.Image;
import org.junit.jupiter.api.Test;

/**
 * Slices of an evaluation's queries, run apart and joined, give the report of one run: on the
 * five images on a line of {@link EvaluationTest}, whose leave-one-out MAP is worked out there by
 * hand as (0.75 + 0.5 + 1/3 + 0.5 + 0.5) / 5.
 */
class EvaluationSliceTest {
    private static final double HAND_WORKED_MAP = (0.75 + 0.5 + 1.0 / 3 + 0.5 + 0.5) / 5;

    private static RetrievalPipeline indexedLine() {
        RetrievalPipeline pipeline = RetrievalPipeline.builder().extractor(new LineComponents.FirstSample())
                .similarity(new LineComponents.AbsoluteDifference()).threads(1).build();
        pipeline.addAll(ImageCollection.of(List.of(at("a0", "A", 0f), at("a1", "A", 0.25f), at("b2", "B", 0.25f),
                at("b3", "B", 0.5f), at("a4", "A", 1f))));
        return pipeline;
    }

    private static ImageEntry at(String name, String label, float position) {
        return new ImageEntry.InMemory(name, label, Image.grey(1, 1, new float[] {position}));
    }

    private static Evaluation evaluation(RetrievalPipeline pipeline) {
        return Evaluation.builder().pipeline(() -> pipeline).cutoffs(Cutoff.of(1), Cutoff.of(2), Cutoff.classSize())
                .threads(2).build();
    }

    @Test
    void joinedSlicesGiveTheReportOfOneRun() throws Exception {
        RetrievalPipeline pipeline = indexedLine();
        Evaluation evaluation = evaluation(pipeline);
        EvaluationReport whole = evaluation.runIndexed(pipeline);
        List<EvaluationSlice> slices = new ArrayList<>();
        for (int[] range : new int[][] {{3, 5}, {0, 2}, {2, 3}}) {
            slices.add(roundTrip(evaluation.runIndexedSlice(pipeline, range[0], range[1])));
        }
        EvaluationReport joined = evaluation.join(slices, pipeline.describe(), 5, 0, 5, 0, Duration.ZERO);
        assertEquals(HAND_WORKED_MAP, joined.map(), 1e-12);
        assertEquals(whole.map(), joined.map(), 0.0);
        assertEquals(whole.kAccuracy(), joined.kAccuracy());
        assertEquals(whole.classes(), joined.classes());
        assertEquals(whole.counts(), joined.counts());
        for (int r = 1; r <= whole.curves().length(); r++) {
            assertEquals(whole.curves().precision(r), joined.curves().precision(r), 0.0);
        }
    }

    @Test
    void slicesThatLeaveAGapOrOverlapAreRefused() {
        RetrievalPipeline pipeline = indexedLine();
        Evaluation evaluation = evaluation(pipeline);
        List<EvaluationSlice> gap = List.of(evaluation.runIndexedSlice(pipeline, 0, 2),
                evaluation.runIndexedSlice(pipeline, 3, 5));
        assertThrows(IllegalArgumentException.class, () -> evaluation.join(gap, "", 5, 0, 5, 0, Duration.ZERO));
        List<EvaluationSlice> overlap = List.of(evaluation.runIndexedSlice(pipeline, 0, 3),
                evaluation.runIndexedSlice(pipeline, 2, 5));
        assertThrows(IllegalArgumentException.class, () -> evaluation.join(overlap, "", 5, 0, 5, 0, Duration.ZERO));
        List<EvaluationSlice> short1 = List.of(evaluation.runIndexedSlice(pipeline, 0, 4));
        assertThrows(IllegalArgumentException.class, () -> evaluation.join(short1, "", 5, 0, 5, 0, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> evaluation.runIndexedSlice(pipeline, 4, 6));
    }

    private static EvaluationSlice roundTrip(EvaluationSlice slice) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(slice);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (EvaluationSlice) in.readObject();
        }
    }
}
