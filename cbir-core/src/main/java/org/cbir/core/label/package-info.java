/**
 * Labels for the unlabelled images of a partly labelled collection: a k-nearest-neighbour vote
 * or label propagation over the k-NN graph (Zhou et al. 2004) through the collection's index
 * ({@link org.cbir.core.label.LabelSuggester}), confidences calibrated on held-aside labelled
 * images ({@link org.cbir.core.label.IsotonicCalibration}), a review queue least confident first
 * and a CSV that {@code ImageCollection.fromCsv} reads back
 * ({@link org.cbir.core.label.LabelSuggestions}), and the accuracy against labels hidden on
 * purpose ({@link org.cbir.core.label.LabelAccuracy}).
 */
package org.cbir.core.label;
