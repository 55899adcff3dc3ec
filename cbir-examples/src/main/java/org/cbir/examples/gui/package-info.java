/**
 * The desktop window of {@code cbir gui}, on Swing with the FlatLaf look: retrieval options on the
 * left, results and evaluation on the right, as in pyCBIR (Araujo et al., Figure 6).
 *
 * <p>State that is not a widget lives in plain classes tested without a display: the options
 * ({@link org.cbir.examples.gui.RetrievalSettings}, {@link org.cbir.examples.gui.EvaluationOptions},
 * {@link org.cbir.examples.gui.DatabaseSource}), the observable {@link org.cbir.examples.gui.GuiModel},
 * and the {@link org.cbir.examples.gui.GuiController}, which runs indexing, searches, evaluations
 * and saves on a worker thread, relays their progress to the event thread, and cancels them by
 * interrupting the worker. The views ({@link org.cbir.examples.gui.CbirWindow} and its panels)
 * only show the model and call the controller.
 */
package org.cbir.examples.gui;
