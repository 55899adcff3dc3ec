package org.cbir.core;

/** How a pipeline runs its work; validated here. */
record PipelineOptions(int threads, int batchSize, boolean strict) {
    PipelineOptions {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
    }
}
