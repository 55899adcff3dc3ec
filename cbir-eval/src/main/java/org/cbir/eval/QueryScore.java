package org.cbir.eval;

/**
 * The measures of one query, kept until all queries are done and summed in query order (so
 * results do not depend on thread scheduling).
 *
 * @param classIndex the query's class, as an index into the evaluation's sorted classes
 * @param relevant N, the images of its class in its ranking
 * @param averagePrecision its AP, or NaN when {@code relevant == 0}
 * @param predicted per cutoff, the class index its top k vote for, or -1 when none votes; owned
 *     by this record, not copied
 * @param correct per cutoff, whether it counts as correctly classified; owned, not copied
 */
record QueryScore(int classIndex, int relevant, double averagePrecision, int[] predicted, boolean[] correct)
        implements java.io.Serializable {
    private static final long serialVersionUID = 1L;
}
