/**
 * The core of cbir: the image model and readers, the extractor, reducer, index and similarity
 * interfaces, the retrieval pipeline, persistence, evaluation and result sheets.
 *
 * <p>The Vector API ({@code jdk.incubator.vector}) is optional: the search kernels use it when
 * the JVM runs with {@code --add-modules jdk.incubator.vector} and fall back to scalar loops
 * otherwise. Components of other modules are found as {@link org.cbir.core.spi.ComponentProvider}
 * services (named modules {@code provides} them, jars on the class path list them in
 * {@code META-INF/services}).
 */
module org.cbir.core {
    requires transitive java.desktop;
    requires org.slf4j;
    requires static jdk.incubator.vector;

    exports org.cbir.core;
    exports org.cbir.core.collection;
    exports org.cbir.core.eval;
    exports org.cbir.core.extract;
    exports org.cbir.core.graph;
    exports org.cbir.core.image;
    exports org.cbir.core.internal.index;
    exports org.cbir.core.io;
    exports org.cbir.core.label;
    exports org.cbir.core.math;
    exports org.cbir.core.reduce;
    exports org.cbir.core.search;
    exports org.cbir.core.sheet;
    exports org.cbir.core.spi;

    uses org.cbir.core.spi.ComponentProvider;
    provides org.cbir.core.spi.ComponentProvider with org.cbir.core.internal.CoreComponents;
}
