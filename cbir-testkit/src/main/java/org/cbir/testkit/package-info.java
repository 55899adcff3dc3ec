/**
 * Contract test suites for cbir's extension points, as JUnit 5 base classes: extend
 * {@link org.cbir.testkit.ExtractorContract}, {@link org.cbir.testkit.ReducerContract} or
 * {@link org.cbir.testkit.IndexContract} in a component's tests, give the component, and the
 * suite checks what the interface promises against brute-force expectations, including
 * {@link org.cbir.testkit.SavedStateCorruption} of every file its save writes. Every extractor,
 * reducer and index of cbir runs them; a user's component registered through a
 * {@link org.cbir.core.spi.ComponentProvider} can run them the same way:
 *
 * <pre>{@code
 * class MyIndexContractTest extends IndexContract {
 *     protected IndexFactory factory() { return new MyIndexFactory(); }
 *     protected double minimumRecall() { return 0.95; } // an approximate index
 * }
 * }</pre>
 */
package org.cbir.testkit;
