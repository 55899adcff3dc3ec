package org.cbir.eval;

/**
 * How many images each step of an {@link Evaluation} used.
 *
 * @param collection the labelled images handed to the evaluation
 * @param fitting those set aside to fit the pipeline (never queried nor ranked)
 * @param evaluated those given to the index
 * @param skipped evaluated images the pipeline could not read or use (not queried)
 * @param queries the images queried: {@code evaluated - skipped}
 * @param queriesWithoutRelevant queries with no other image of their class, left out of MAP
 */
public record EvaluationCounts(int collection, int fitting, int evaluated, int skipped, int queries,
                               int queriesWithoutRelevant) {
}
