package org.cbir.nets.lenet;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** Hands the tests of other packages what only this package sees. */
public final class LeNetAccess {
    private LeNetAccess() {
    }

    /** The trained network of {@code lenet}; callers must not modify it. */
    public static MultiLayerNetwork network(LeNetExtractor lenet) {
        return lenet.network();
    }
}
