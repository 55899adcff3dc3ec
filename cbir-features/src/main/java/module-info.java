/** Classic image descriptors: GLCM, HOG, LBP, Daisy, and the fusion of extractors. */
module org.cbir.features {
    requires transitive org.cbir.core;

    exports org.cbir.features;
    exports org.cbir.features.daisy;
    exports org.cbir.features.fusion;
    exports org.cbir.features.glcm;
    exports org.cbir.features.hog;
    exports org.cbir.features.lbp;

    provides org.cbir.core.spi.ComponentProvider with org.cbir.features.FeaturesComponents;
}
