/**
 * Measuring retrieval quality on a labelled collection, as the paper does (Araujo et al.,
 * "Reverse Image Search for Scientific Data within and beyond the Visible Spectrum", Tables 3
 * to 6).
 *
 * <p>{@link org.cbir.eval.Evaluation} splits a labelled collection (stratified, seeded) into
 * a part that only fits the pipeline and an evaluated part, indexes the evaluated part and queries
 * each of its images against the others (leave-one-out), with the images' stored signatures.
 * {@link org.cbir.eval.EvaluationReport} holds:
 * <ul>
 *   <li>MAP, the mean over queries of {@code AP(q) = sum_n P(n) f(n) / N}, N being the images of
 *       the query's class in its ranking ({@link org.cbir.eval.RankingMetrics}); per class
 *       and overall;</li>
 *   <li>k-accuracy per class for each {@link org.cbir.eval.Cutoff} (1, 5, 10, 20 and Ω, the
 *       number of other images of the query's class, by default): the share of queries whose
 *       majority label among the top k other images is their own;</li>
 *   <li>precision@k and recall@k for every k, and a confusion matrix of predicted labels per
 *       cutoff;</li>
 *   <li>the configuration that produced them; rendered as Markdown or written as CSV files.</li>
 * </ul>
 *
 * <p>Where this differs from the reference implementation (pyCBIR), and the options that
 * reproduce it: pyCBIR ranks each query against the whole database, itself included, so its
 * self-match counts as a relevant hit at rank 1 of MAP and the precision curve
 * ({@code includeSelf}; its k-accuracy skips rank 1, and ours skips the query's own image); and
 * it counts a query as correct when its label merely ties for most votes
 * ({@code tiesCountAsCorrect}). By default the
 * query is left out of its own ranking and a tie for most votes goes to the label of the
 * best-ranked match, as the pipeline's {@link org.cbir.core.Prediction} does. Images at equal
 * distance rank by id (the order they were indexed), and every measure uses that order.
 */
package org.cbir.eval;
