package org.cbir.examples.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayDeque;
import java.util.Queue;
import org.junit.jupiter.api.Test;

class ProgressRelayTest {

    @Test
    void reportsWhileAHandOverIsPendingReplaceItInsteadOfQueuing() {
        GuiModel model = new GuiModel();
        model.startJob("search");
        Queue<Runnable> ui = new ArrayDeque<>();
        ProgressRelay relay = new ProgressRelay(model, ui::add, "");
        for (int i = 1; i <= 1000; i++) {
            relay.onProgress("indexing", i, 1000);
        }
        assertEquals(1, ui.size(), "one hand-over for a thousand reports");
        ui.poll().run();
        assertEquals(new Progress("indexing", 1000, 1000), model.progress().orElseThrow());
        relay.prefixed("PCA 4: ").onProgress("evaluating", 2, 5);
        assertEquals(1, ui.size());
        ui.poll().run();
        assertEquals(new Progress("PCA 4: evaluating", 2, 5), model.progress().orElseThrow());
    }
}
