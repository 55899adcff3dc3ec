package org.cbir.examples.gui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cbir.core.ComponentSpec;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.Reducer;
import org.cbir.core.RetrievalPipeline;
import org.cbir.features.TextureDescriptors;
import org.cbir.index.lsh.LshForest;
import org.cbir.index.pca.Pca;
import org.cbir.metrics.Similarities;
import org.junit.jupiter.api.Test;

class RetrievalSettingsTest {

    @Test
    void defaultsAreThoseOfTheCommandLine() {
        RetrievalSettings s = RetrievalSettings.defaults();
        assertEquals("histogram:32", s.extractorChoice());
        assertEquals("none", s.reducerChoice());
        assertFalse(s.needsFit());
        assertEquals(5, s.k());
        assertEquals("cosine", s.metric());
    }

    @Test
    void choicesCarryTheParametersOfTheChosenComponent() {
        RetrievalSettings s = RetrievalSettings.defaults();
        assertEquals("histogram:64", s.withHistogramBins(64).extractorChoice());
        assertEquals("lbp:16:2.0", s.withExtractor("lbp").withLbp(16, 2.0).extractorChoice());
        assertEquals("glcm", s.withExtractor("glcm").withHistogramBins(64).extractorChoice());
        assertEquals("pca:8", s.withReducer("pca", 8).reducerChoice());
        assertEquals("zscore", s.withReducer("zscore", 8).reducerChoice());
        assertTrue(s.withReducer("zscore", 8).needsFit());
    }

    @Test
    void thePipelineHasTheChosenComponents() {
        RetrievalSettings s = RetrievalSettings.defaults().withExtractor("lbp").withLbp(8, 1.0)
                .withIndex("lsh", 3, 7).withMetric("chi-square");
        RetrievalPipeline pipeline = s.pipeline().build();
        assertEquals(TextureDescriptors.lbp(8, 1.0).spec(), pipeline.extractor().spec());
        assertEquals(Similarities.chiSquare().spec(), pipeline.similarity().spec());
        assertEquals(LshForest.builder().trees(3).candidates(7).build().spec(), s.indexFactory().spec());
        assertEquals(ComponentSpec.of("exact-int8", "rerank", 4), s.withIndex("exact:int8", 3, 7).indexFactory().spec());
        assertEquals("graph", s.withIndex("graph", 3, 7).indexFactory().spec().type());
        assertEquals(ComponentSpec.of("ivf", "lists", 1024, "probes", 8, "seed", 42L),
                s.withIndex("ivf", 3, 7).indexFactory().spec());
        assertEquals(ComponentSpec.of("exact"), s.withIndex("exact", 3, 7).indexFactory().spec());
        RetrievalPipeline histogram = RetrievalSettings.defaults().withHistogramBins(16).pipeline().build();
        assertEquals(FeatureExtractor.firstOrderStatistics(16).spec(), histogram.extractor().spec());
    }

    @Test
    void theReducerIsTheChosenOneWithItsComponentCount() {
        RetrievalSettings s = RetrievalSettings.defaults();
        assertNull(s.reducerComponent());
        assertEquals(Reducer.zScore().spec(), s.withReducer("zscore", 3).reducerComponent().spec());
        assertEquals(Pca.components(8).spec(), s.withReducer("pca", 8).reducerComponent().spec());
    }

    @Test
    void onlyKMayDifferForAPipelineToBeReused() {
        RetrievalSettings s = RetrievalSettings.defaults();
        assertTrue(s.indexesLike(s.withK(20)));
        assertFalse(s.indexesLike(s.withMetric("euclidean")));
        assertFalse(s.indexesLike(s.withHistogramBins(16)));
        assertFalse(s.indexesLike(null));
    }

    @Test
    void invalidOptionsAreRefusedNamingTheOption() {
        RetrievalSettings s = RetrievalSettings.defaults();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.withK(0)).getMessage().startsWith("k must"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.withExtractor("sift")).getMessage()
                .contains("extractor 'sift'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.withMetric("manhattan")).getMessage()
                .contains("metric 'manhattan'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.withHistogramBins(1)).getMessage()
                .startsWith("histogram bins"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.withLbp(8, 0)).getMessage()
                .startsWith("LBP radius"));
    }
}
