package org.cbir.eval;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Sums the {@link QueryScore}s of a {@link LeaveOneOut} run, in query order, into a report. */
final class Scoreboard {
    private Scoreboard() {
    }

    /**
     * @param collection images handed to the evaluation
     * @param fitting images set aside for fitting
     * @param evaluated images given to the index
     * @param skipped evaluated images the pipeline could not use
     */
    static EvaluationReport report(LeaveOneOut.Outcome outcome, EvaluationSettings settings, String pipeline,
                                   int collection, int fitting, int evaluated, int skipped, Duration elapsed) {
        List<String> classes = outcome.classes();
        int classCount = classes.size();
        int cutoffCount = settings.cutoffs().size();
        int[] queries = new int[classCount];
        int[] relevant = new int[classCount];
        double[] apSum = new double[classCount];
        long[][] correct = new long[classCount][cutoffCount];
        long[][][] confusion = new long[cutoffCount][classCount][classCount];
        int withoutRelevant = 0;
        for (QueryScore q : outcome.scores()) {
            int c = q.classIndex();
            queries[c]++;
            relevant[c] = q.relevant();
            if (q.relevant() > 0) {
                apSum[c] += q.averagePrecision();
            } else {
                withoutRelevant++;
            }
            for (int k = 0; k < cutoffCount; k++) {
                if (q.correct()[k]) {
                    correct[c][k]++;
                }
                if (q.predicted()[k] >= 0) {
                    confusion[k][c][q.predicted()[k]]++;
                }
            }
        }
        List<ClassScores> perClass = new ArrayList<>(classCount);
        double apTotal = 0;
        int apQueries = 0;
        long[] correctTotal = new long[cutoffCount];
        int total = 0;
        for (int c = 0; c < classCount; c++) {
            List<Double> accuracy = new ArrayList<>(cutoffCount);
            for (int k = 0; k < cutoffCount; k++) {
                accuracy.add((double) correct[c][k] / queries[c]);
                correctTotal[k] += correct[c][k];
            }
            boolean ranked = relevant[c] > 0;
            perClass.add(new ClassScores(classes.get(c), queries[c], relevant[c],
                    ranked ? apSum[c] / queries[c] : Double.NaN, accuracy));
            if (ranked) {
                apTotal += apSum[c];
                apQueries += queries[c];
            }
            total += queries[c];
        }
        List<Double> overall = new ArrayList<>(cutoffCount);
        List<ConfusionMatrix> matrices = new ArrayList<>(cutoffCount);
        for (int k = 0; k < cutoffCount; k++) {
            overall.add((double) correctTotal[k] / total);
            matrices.add(new ConfusionMatrix(settings.cutoffs().get(k), classes, confusion[k]));
        }
        EvaluationCounts counts = new EvaluationCounts(collection, fitting, evaluated, skipped, total, withoutRelevant);
        PrecisionRecallCurves curves = new PrecisionRecallCurves(classes, outcome.hits(), queries, relevant);
        return new EvaluationReport(pipeline, settings, counts, perClass,
                apQueries == 0 ? Double.NaN : apTotal / apQueries, overall, curves, matrices, elapsed);
    }
}
