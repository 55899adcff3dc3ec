/** The paper's similarity metrics as distances ({@link org.cbir.metrics.Similarities}). */
module org.cbir.metrics {
    requires transitive org.cbir.core;

    exports org.cbir.metrics;

    provides org.cbir.core.spi.ComponentProvider with org.cbir.metrics.MetricsComponents;
}
