package org.cbir.cluster.label;

/** How {@link LabelSuggester} turns the labelled images into a label for each unlabelled one. */
public enum SuggestionMethod {
    /**
     * The majority label of the k nearest labelled images (ties to the label of the closest of
     * them); its raw score is the winner's share of the k votes. Fast, local, and blind to the
     * unlabelled images between the query and the labelled ones.
     */
    VOTE,
    /**
     * Label propagation over the k-nearest-neighbour graph of all images, labelled or not (Zhou,
     * Bousquet, Lal, Weston and Schoelkopf, "Learning with Local and Global Consistency", NIPS
     * 2004): labels spread along chains of close images, so that a cluster with a single
     * labelled member takes its label; the raw score is the winning class's share of the
     * propagated mass.
     */
    PROPAGATION
}
