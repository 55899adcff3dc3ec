package org.cbir.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.cbir.core.QueryResult;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.image.Images;
import org.cbir.eval.Evaluation;
import org.cbir.eval.EvaluationReport;
import org.cbir.features.daisy.DaisyExtractor;
import org.cbir.index.lsh.LshForest;
import org.cbir.index.pca.Pca;
import org.cbir.metrics.Similarities;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's second Java example, as written, on the bundled samples. */
class ReadmeExampleTest {
    private static final Path SAMPLES = Path.of("..", "samples", "gisaxs");

    @Test
    void everyPartIsOneCallAway(@TempDir Path dir) throws IOException {
        ImageCollection database = ImageCollection.fromFolder(SAMPLES.resolve("database"));
        RetrievalPipeline pipeline = RetrievalPipeline.builder()
                .extractor(DaisyExtractor.withDefaults())
                .reducer(Pca.components(16))
                .index(LshForest.builder().trees(10).candidates(50).build())
                .similarity(Similarities.euclidean())
                .build();
        pipeline.fit(database.split(0.1, 42).train());
        pipeline.addAll(database);
        EvaluationReport quality = Evaluation.builder()
                .pipeline(RetrievalPipeline.builder().extractor(DaisyExtractor.withDefaults()))
                .fitFraction(0.1).seed(42).build().run(database);

        assertEquals(200, pipeline.size());
        assertEquals(16, pipeline.dimension());
        assertTrue(quality.map() > 0.5, "Daisy separates the GISAXS lattices: MAP " + quality.map());
        Path query = SAMPLES.resolve("query").resolve("fcc100").resolve("fcc_100_Xs25_Ys25_Zs33_Na16_Nb16_Nc10__20160914_023015.png");
        QueryResult result = pipeline.query(Images.read(query), 5);
        assertEquals("fcc100", result.prediction().orElseThrow().label());
        pipeline.save(dir.resolve("store.cbir"));
        assertEquals(result, RetrievalPipeline.load(dir.resolve("store.cbir")).query(Images.read(query), 5));
    }
}
