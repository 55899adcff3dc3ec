/**
 * What the command lines of cbir share, so that an option means the same in {@code cbir} (the
 * command line of cbir-examples) and in {@code cbir-spark}: the names of the components
 * ({@link org.cbir.cli.ComponentChoices}), the retrieval options as a picocli mixin
 * ({@link org.cbir.cli.SearchOptions}), results as JSON ({@link org.cbir.cli.JsonResults}) and as
 * text ({@link org.cbir.cli.ResultPrinter}), and progress on the console
 * ({@link org.cbir.cli.ConsoleProgress}).
 *
 * <p>An application-support module: it uses picocli but chooses no logging backend and no ND4J
 * backend; the applications that depend on it do.
 */
package org.cbir.cli;
