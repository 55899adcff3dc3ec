package org.cbir.nets.pretrained;

import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * One Inception-ResNet-v2 of seeded random weights at the smallest input, built once per test JVM
 * (about 56 million parameters: building one takes seconds), for the tests that only read it.
 */
final class SeededInceptionResNetV2 {
    static final int SIZE = InceptionResNetV2.MIN_SIZE;
    static final ComputationGraph GRAPH = InceptionResNetV2.of(1000, SIZE, SIZE, 5).init();

    private SeededInceptionResNetV2() {
    }
}
