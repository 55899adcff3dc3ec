package org.cbir.examples.gui;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.cbir.cli.ComponentChoices;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.collection.ImageCollection;
import org.cbir.eval.Evaluation;
import org.cbir.eval.EvaluationReport;
import org.cbir.examples.report.MapChart;

/**
 * The work behind the Evaluate button, on a worker thread: {@link Evaluation} of the chosen
 * pipeline on the open collection (each image queried against the others, after a seeded,
 * stratified share of each class fitted what needs fitting), then the same evaluation with PCA to
 * each component count of the sweep, for the MAP-versus-PCA chart. A saved store is evaluated as
 * it is indexed, without a sweep (it holds no images to fit PCA on). Interrupting the thread
 * cancels it with a {@link java.util.concurrent.CancellationException}. Each run is used once.
 */
final class EvaluationTask {
    private final DatabaseSource source;
    private final RetrievalSettings settings;
    private final EvaluationOptions options;
    private final IndexedPipeline previous;
    private final ProgressRelay progress;

    /**
     * @param previous the pipeline of the last search, reused when it is the chosen store; or {@code null}
     */
    EvaluationTask(DatabaseSource source, RetrievalSettings settings, EvaluationOptions options,
                   IndexedPipeline previous, ProgressRelay progress) {
        this.source = Objects.requireNonNull(source, "source");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.options = Objects.requireNonNull(options, "options");
        this.previous = previous;
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    EvaluationOutcome run() throws IOException {
        if (source.isStore()) {
            RetrievalPipeline pipeline = previous != null && previous.serves(source, settings) ? previous.pipeline()
                    : SearchTask.index(source, settings, progress).pipeline();
            EvaluationReport report = evaluation(settings).build().runIndexed(pipeline);
            return new EvaluationOutcome(report, List.of(), title());
        }
        if (options.fitFraction() == 0 && (settings.needsFit() || !options.pcaSweep().isEmpty())) {
            String what = !settings.needsFit() ? "the reducer of the PCA sweep"
                    : ComponentChoices.trains(settings.extractorChoice()) ? "the extractor " + settings.extractor()
                    : "the reducer " + settings.reducerChoice();
            throw new IllegalArgumentException(what + " must be fitted: set the fit fraction above 0");
        }
        ImageCollection images = source.images();
        EvaluationReport report = evaluation(settings).build().run(images);
        List<MapChart.Point> sweep = new ArrayList<>();
        for (int n : options.pcaSweep()) {
            SearchTask.checkNotCancelled();
            RetrievalSettings withPca = settings.withReducer("pca", n);
            EvaluationReport reduced = evaluation(withPca).progress(progress.prefixed("PCA " + n + ": ")).build().run(images);
            sweep.add(new MapChart.Point(n, reduced.map()));
        }
        return new EvaluationOutcome(report, sweep, title());
    }

    private Evaluation.Builder evaluation(RetrievalSettings chosen) {
        return Evaluation.builder().pipeline(chosen.pipeline()).fitFraction(options.fitFraction())
                .seed(options.seed()).progress(progress);
    }

    private String title() {
        return "MAP vs PCA components: " + settings.extractorChoice() + ", " + settings.metric() + ", "
                + source.path().getFileName();
    }
}
