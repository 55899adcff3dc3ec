package org.cbir.examples.gui;

import java.util.List;
import java.util.Objects;
import org.cbir.eval.EvaluationReport;
import org.cbir.examples.report.MapChart;

/**
 * What the evaluation tab shows: the report of the chosen pipeline and the MAP of each PCA
 * component count of the sweep. Immutable.
 *
 * @param report MAP and k-accuracy of the pipeline as chosen in the options
 * @param sweep MAP per PCA component count, in the sweep's order; empty when there was no sweep
 * @param chartTitle the title of the MAP-versus-PCA chart
 */
public record EvaluationOutcome(EvaluationReport report, List<MapChart.Point> sweep, String chartTitle) {

    /** Copies the sweep. */
    public EvaluationOutcome {
        Objects.requireNonNull(report, "report");
        Objects.requireNonNull(chartTitle, "chartTitle");
        sweep = List.copyOf(sweep);
    }
}
