package org.cbir.examples.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.QueryResult;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.Similarity;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.eval.Evaluation;
import org.cbir.eval.EvaluationReport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller and model on the bundled GISAXS samples (200 database images in four classes, 8
 * queries), with a plain thread in place of the event thread: no window is created.
 */
class GuiControllerTest {
    private static final Path SAMPLES = Path.of("..", "samples", "gisaxs");

    private UiThread ui;
    private GuiModel model;
    private GuiController controller;

    @BeforeEach
    void open() throws Exception {
        ui = new UiThread();
        model = ui.call(GuiModel::new);
        controller = new GuiController(model, ui);
    }

    @AfterEach
    void close() {
        controller.close();
        ui.close();
    }

    private void choose(Path database, List<Path> queries, RetrievalSettings settings) throws Exception {
        ui.run(() -> {
            try {
                model.setDatabase(DatabaseSource.of(database));
            } catch (java.nio.file.NoSuchFileException e) {
                throw new IllegalStateException(e);
            }
            model.setQueries(queries);
            model.setSettings(settings);
        });
    }

    private SearchResults search() throws Exception {
        assertTrue(ui.call(controller::search));
        ui.awaitIdle(model, 60);
        assertTrue(ui.call(() -> model.failure().isEmpty()), () -> model.failure().toString());
        return ui.call(() -> model.results().orElseThrow());
    }

    @Test
    void aSearchAnswersEveryQueryAsThePipelineDoes() throws Exception {
        choose(SAMPLES.resolve("database"), List.of(SAMPLES.resolve("query")), RetrievalSettings.defaults().withK(4));
        SearchResults results = search();

        RetrievalPipeline reference = RetrievalPipeline.builder().extractor(FeatureExtractor.firstOrderStatistics(32))
                .similarity(Similarity.cosine()).build();
        reference.addAll(ImageCollection.fromFolder(SAMPLES.resolve("database")));
        List<ImageEntry> queries = ImageCollection.fromFolder(SAMPLES.resolve("query")).entries();
        assertEquals(queries.size(), results.rows().size());
        for (int i = 0; i < queries.size(); i++) {
            QueryRow row = results.rows().get(i);
            QueryResult expected = reference.query(queries.get(i).load(), 4);
            assertEquals(queries.get(i).label(), row.label(), "query labels come from their sub-folders");
            assertEquals(expected.matches().stream().map(m -> m.path() + " " + m.distance()).toList(),
                    row.result().matches().stream().map(m -> m.path() + " " + m.distance()).toList());
            assertEquals(expected.prediction(), row.result().prediction());
            assertEquals(100, row.thumbnail().getWidth(), "100x100 patterns fit the 112-pixel cell as they are");
            assertTrue(row.matchThumbnails().stream().allMatch(t -> t != null && t.getWidth() == 100));
        }
        long right = results.rows().stream().filter(r -> r.predictedCorrectly().orElse(false)).count();
        assertEquals(right, results.correctPredictions());
        assertEquals(8, results.judgedPredictions());
        String status = ui.call(model::status);
        assertTrue(status.startsWith("indexed 200 images") && status.contains("8 queries answered"), status);
        assertTrue(ui.call(() -> model.progress().isEmpty() && !model.isBusy()));
    }

    @Test
    void aNewKReusesTheIndexedPipelineAndANewMetricIndexesAgain() throws Exception {
        Path query = SAMPLES.resolve("query").resolve("bcc");
        choose(SAMPLES.resolve("database"), List.of(query), RetrievalSettings.defaults());
        RetrievalPipeline first = search().pipeline();
        ui.run(() -> model.setSettings(model.settings().withK(2)));
        SearchResults again = search();
        assertSame(first, again.pipeline());
        assertEquals(2, again.rows().get(0).result().matches().size());
        ui.run(() -> model.setSettings(model.settings().withMetric("euclidean")));
        assertNotSame(first, search().pipeline());
    }

    @Test
    void missingInputIsReportedWithoutStartingAJob() throws Exception {
        assertFalse(ui.call(controller::search));
        assertTrue(ui.call(() -> model.failure().orElseThrow().message().contains("database")));
        assertFalse(ui.call(model::isBusy));
        ui.run(() -> model.setDatabase(new DatabaseSource(SAMPLES.resolve("database"), DatabaseSource.Kind.FOLDER)));
        assertFalse(ui.call(controller::search));
        assertTrue(ui.call(() -> model.failure().orElseThrow().message().contains("query")));
        assertFalse(ui.call(() -> controller.saveStore(Path.of("x"))), "nothing to save before a search");
    }

    @Test
    void anUnreadableQueryFailsWithADialogThatNamesIt(@TempDir Path dir) throws Exception {
        Path broken = Files.write(dir.resolve("broken.png"), new byte[] {1, 2, 3, 4});
        choose(SAMPLES.resolve("database"), List.of(broken), RetrievalSettings.defaults());
        assertTrue(ui.call(controller::search));
        ui.awaitIdle(model, 60);
        GuiModel.Failure failure = ui.call(() -> model.failure().orElseThrow());
        assertEquals("Search failed", failure.title());
        assertTrue(failure.message().contains(broken.toString()), failure.message());
        assertEquals("search failed", ui.call(() -> model.status()).substring(0, 13).toLowerCase(java.util.Locale.ROOT));
    }

    @Test
    void cancellingInterruptsTheWorkerAndEndsTheJob() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        ui.run(() -> controller.start("waiting", () -> {
            started.countDown();
            Thread.sleep(60_000);
            return "never";
        }, value -> value));
        assertTrue(started.await(10, TimeUnit.SECONDS));
        assertTrue(ui.call(model::isBusy));
        ui.run(controller::cancel);
        ui.awaitIdle(model, 10);
        assertEquals("waiting cancelled", ui.call(model::status));
        assertTrue(ui.call(() -> model.failure().isEmpty()));
    }

    @Test
    void cancellingDuringIndexingStopsThePipeline() throws Exception {
        // The first progress hand-over holds the worker until the UI thread has cancelled, so the
        // cancellation lands while the pipeline indexes, whatever the machine's speed.
        CountDownLatch cancelled = new CountDownLatch(1);
        Executor gated = task -> {
            ui.execute(task);
            if (!Thread.currentThread().getName().equals("test-ui")) {
                try {
                    cancelled.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        try (GuiController gatedController = new GuiController(model, gated)) {
            choose(SAMPLES.resolve("database"), List.of(SAMPLES.resolve("query")), RetrievalSettings.defaults());
            ui.run(() -> model.addListener(change -> {
                if (change == GuiModel.Change.PROGRESS && model.progress().map(p -> p.stage().equals("indexing")).orElse(false)) {
                    gatedController.cancel();
                    cancelled.countDown();
                }
            }));
            assertTrue(ui.call(gatedController::search));
            ui.awaitIdle(model, 60);
        }
        assertEquals(0, cancelled.getCount(), "the job reported indexing progress");
        assertEquals("search cancelled", ui.call(model::status));
        assertTrue(ui.call(() -> model.results().isEmpty()));
    }

    @Test
    void theStoreAndTheSheetAreSavedFromTheLastSearch(@TempDir Path dir) throws Exception {
        choose(SAMPLES.resolve("database"), List.of(SAMPLES.resolve("query").resolve("fcc100")),
                RetrievalSettings.defaults().withK(3));
        search();
        Path store = dir.resolve("gisaxs.cbir");
        assertTrue(ui.call(() -> controller.saveStore(store)));
        ui.awaitIdle(model, 60);
        assertEquals(200, RetrievalPipeline.load(store).size());

        Path png = dir.resolve("sheet.png");
        assertTrue(ui.call(() -> controller.saveSheet(png)));
        ui.awaitIdle(model, 60);
        BufferedImage sheet = ImageIO.read(png.toFile());
        assertTrue(sheet.getWidth() > sheet.getHeight(), "a query and 3 matches side by side");

        choose(store, List.of(SAMPLES.resolve("query").resolve("fcc100")), RetrievalSettings.defaults().withK(3));
        SearchResults loaded = search();
        assertEquals(200, loaded.pipeline().size());
        assertTrue(ui.call(model::status).startsWith("loaded 200 images"));
    }

    @Test
    void theEvaluationTabShowsTheReportOfEvaluationAndTheSweep() throws Exception {
        choose(SAMPLES.resolve("database"), List.of(), RetrievalSettings.defaults());
        ui.run(() -> model.setEvaluationOptions(new EvaluationOptions(0.2, 7, List.of(1, 4))));
        assertTrue(ui.call(controller::evaluate));
        ui.awaitIdle(model, 120);
        assertTrue(ui.call(() -> model.failure().isEmpty()), () -> model.failure().toString());
        EvaluationOutcome outcome = ui.call(() -> model.evaluation().orElseThrow());

        EvaluationReport expected = Evaluation.builder()
                .pipeline(RetrievalPipeline.builder().extractor(FeatureExtractor.firstOrderStatistics(32)))
                .fitFraction(0.2).seed(7).build().run(ImageCollection.fromFolder(SAMPLES.resolve("database")));
        assertEquals(expected.map(), outcome.report().map(), 1e-12);
        assertEquals(expected.kAccuracy(), outcome.report().kAccuracy());
        assertEquals(List.of(1, 4), outcome.sweep().stream().map(p -> p.components()).toList());
        assertTrue(outcome.sweep().stream().allMatch(p -> p.map() > 0 && p.map() <= 1));

        MapTableModel map = new MapTableModel();
        map.setReport(outcome.report());
        assertEquals(expected.classes().size() + 1, map.getRowCount());
        assertEquals("all", map.getValueAt(map.getRowCount() - 1, 0));
        assertEquals(expected.map(), (Double) map.getValueAt(map.getRowCount() - 1, 3), 1e-12);
        assertEquals(expected.classes().get(0).averagePrecision(), (Double) map.getValueAt(0, 3), 1e-12);
        KAccuracyTableModel k = new KAccuracyTableModel();
        k.setReport(outcome.report());
        assertEquals("k=1", k.getColumnName(1));
        assertEquals("k=Ω", k.getColumnName(k.getColumnCount() - 1));
        assertEquals(expected.kAccuracy().get(0), k.getValueAt(k.getRowCount() - 1, 1));
    }

    @Test
    void aReducerWithoutAFittingShareIsRefusedByTheEvaluation() throws Exception {
        choose(SAMPLES.resolve("database"), List.of(), RetrievalSettings.defaults().withReducer("pca", 4));
        ui.run(() -> model.setEvaluationOptions(new EvaluationOptions(0, 1, List.of())));
        assertTrue(ui.call(controller::evaluate));
        ui.awaitIdle(model, 60);
        assertTrue(ui.call(() -> model.failure().orElseThrow().message().contains("fit fraction")));
    }
}
