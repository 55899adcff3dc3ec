/**
 * The core of cbir: the image model and readers, the extractor, reducer, index and similarity
 * interfaces, the retrieval pipeline and persistence.
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
    exports org.cbir.core.image;
    exports org.cbir.core.io;
    exports org.cbir.core.spi;

    // Internal packages: not API, they may change in any release. Exported only to the cbir
    // modules that share these kernels, file formats and helpers.
    exports org.cbir.core.internal to org.cbir.cluster, org.cbir.eval, org.cbir.examples;
    exports org.cbir.core.internal.io to org.cbir.cluster, org.cbir.eval, org.cbir.examples, org.cbir.index,
            org.cbir.nets, org.cbir.solr;
    exports org.cbir.core.internal.index to org.cbir.index;
    exports org.cbir.core.internal.math to org.cbir.features, org.cbir.index, org.cbir.metrics;

    uses org.cbir.core.spi.ComponentProvider;
    provides org.cbir.core.spi.ComponentProvider with org.cbir.core.internal.CoreComponents;
}
