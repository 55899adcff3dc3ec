/**
 * Grouping an unlabelled collection by its signatures: k-means with k given or chosen by
 * silhouette ({@link org.cbir.cluster.KMeansGrouper}, on Apache Commons Math), and HDBSCAN*
 * over the index's k-NN graph, which finds the number of groups itself and leaves outliers in
 * none ({@link org.cbir.cluster.DensityGrouper}); the result, its CSV and each group's most
 * central images ({@link org.cbir.cluster.Grouping}); agreement with known classes
 * ({@link org.cbir.cluster.AgreementScores}).
 *
 * <p>Why HDBSCAN* is written here rather than taken from a library: of the libraries whose
 * licence suits an Apache-2.0 project, Tribuo's HDBSCAN* builds its spanning tree by Prim's
 * algorithm over all n x n pairs (hours at a million images) and Apache Commons Math has only
 * DBSCAN, itself quadratic without an index; ELKI is AGPL and Smile's recent releases GPL. Here
 * the spanning tree comes from the k-NN graph that the project's indexes already build.
 */
package org.cbir.cluster;
