package org.cbir.core;

import java.util.Objects;
import org.cbir.core.spi.ComponentRegistry;

/** How a pipeline runs its work; validated here. */
record PipelineOptions(int threads, int batchSize, boolean strict, ComponentRegistry registry) {
    PipelineOptions {
        Objects.requireNonNull(registry, "registry");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        }
    }
}
