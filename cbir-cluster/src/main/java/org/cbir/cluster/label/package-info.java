/**
 * Labels for the unlabelled images of a partly labelled collection: a k-nearest-neighbour vote
 * or label propagation over the k-NN graph (Zhou et al. 2004) through the collection's index
 * ({@link org.cbir.cluster.label.LabelSuggester}), confidences calibrated on held-aside labelled
 * images ({@link org.cbir.cluster.label.IsotonicCalibration}), a review queue least confident first
 * and a CSV that {@code ImageCollection.fromCsv} reads back
 * ({@link org.cbir.cluster.label.LabelSuggestions}), and the accuracy against labels hidden on
 * purpose ({@link org.cbir.cluster.label.LabelAccuracy}).
 */
package org.cbir.cluster.label;
