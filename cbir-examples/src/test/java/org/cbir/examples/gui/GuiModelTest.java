package org.cbir.examples.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GuiModelTest {

    private static List<GuiModel.Change> recording(GuiModel model) {
        List<GuiModel.Change> changes = new ArrayList<>();
        model.addListener(changes::add);
        return changes;
    }

    @Test
    void settingAValueTellsListenersOnlyWhenItChanges() {
        GuiModel model = new GuiModel();
        List<GuiModel.Change> changes = recording(model);
        model.setSettings(RetrievalSettings.defaults());
        model.setSettings(RetrievalSettings.defaults().withK(9));
        model.setSettings(RetrievalSettings.defaults().withK(9));
        assertEquals(List.of(GuiModel.Change.SETTINGS), changes);
        assertEquals(9, model.settings().k());
    }

    @Test
    void queriesKeepTheirOrderWithoutRepeats() {
        GuiModel model = new GuiModel();
        List<GuiModel.Change> changes = recording(model);
        model.setQueries(List.of(Path.of("a.png"), Path.of("b")));
        model.addQueries(List.of(Path.of("b"), Path.of("c.png")));
        model.addQueries(List.of(Path.of("a.png")));
        assertEquals(List.of(Path.of("a.png"), Path.of("b"), Path.of("c.png")), model.queries());
        assertEquals(List.of(GuiModel.Change.QUERIES, GuiModel.Change.QUERIES), changes);
    }

    @Test
    void oneJobAtATimeWithProgressOnlyWhileItRuns() {
        GuiModel model = new GuiModel();
        model.setProgress(new Progress("late", 1, 2));
        assertTrue(model.progress().isEmpty(), "a report with no job running is ignored");
        model.startJob("search");
        assertTrue(model.isBusy());
        assertEquals("search", model.job().orElseThrow());
        assertThrows(IllegalStateException.class, () -> model.startJob("evaluation"));
        model.setProgress(new Progress("indexing", 3, 4));
        assertEquals(0.75, model.progress().orElseThrow().fraction());
        model.finishJob("done");
        assertFalse(model.isBusy());
        assertTrue(model.progress().isEmpty());
        assertEquals("done", model.status());
    }

    @Test
    void aFailureIsKeptAndRepeatedInTheStatus() {
        GuiModel model = new GuiModel();
        List<GuiModel.Change> changes = recording(model);
        model.fail(new GuiModel.Failure("Search failed", "q.png: not an image"));
        assertEquals("q.png: not an image", model.failure().orElseThrow().message());
        assertEquals("Search failed: q.png: not an image", model.status());
        assertEquals(List.of(GuiModel.Change.FAILURE, GuiModel.Change.STATUS), changes);
    }

    @Test
    void progressFractionIsUnknownWithoutATotalAndClamped() {
        assertEquals(-1, new Progress("x", 5, -1).fraction());
        assertEquals(1.0, new Progress("x", 7, 5).fraction());
        assertEquals(0.5, new Progress("x", 1, 2).fraction());
    }
}
