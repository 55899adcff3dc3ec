package org.cbir.nets.pretrained;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cbir.core.ComponentSpec;
import org.cbir.core.QueryResult;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.core.image.Image;
import org.cbir.nets.Samples;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.FrozenLayer;
import org.deeplearning4j.util.ModelSerializer;
import org.deeplearning4j.zoo.model.SqueezeNet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fine-tuning a zoo network: a SqueezeNet with random (seeded) weights saved as a local weights
 * file stands in for the ImageNet one (nothing downloads), fine-tuned by a pipeline for two epochs
 * on two GISAXS images per class at its own 227x227 input with the default freezing (up to
 * {@code pool5}): the network's structure after fine-tuning, not its quality (see
 * {@link FineTunedLeNetTest} for that), at about 0.5 s per image and epoch on one core.
 */
class FineTunedZooTest {
    private static final int PER_CLASS = 2;

    @TempDir
    static Path cache;
    private static ComputationGraph reference;
    private static PretrainedExtractor squeezeNet;
    private static ImageCollection training;
    private static FineTunedExtractor tuned;
    private static RetrievalPipeline pipeline;
    private static ImageCollection indexed;

    @TempDir
    Path dir;

    @BeforeAll
    static void fineTuneSqueezeNetInAPipeline() throws IOException {
        reference = SqueezeNet.builder().numClasses(1000).seed(3).build().init();
        Path weights = cache.resolve("squeezenet.zip");
        ModelSerializer.writeModel(reference, weights.toFile(), false);
        squeezeNet = PretrainedExtractor.builder().model(PretrainedModel.SQUEEZENET)
                .weights(PretrainedWeights.file(weights)).build();
        training = firstPerClass(ImageCollection.fromFolder(Samples.gisaxsDatabase()), PER_CLASS);
        FineTuning untuned = FineTuning.builder(BaseNetwork.of(squeezeNet)).maxEpochs(2).batchSize(4)
                .seed(5).build();
        pipeline = RetrievalPipeline.builder().extractor(untuned).build();
        pipeline.fit(training);
        tuned = assertInstanceOf(FineTunedExtractor.class, pipeline.extractor());
        indexed = firstPerClass(training, 1);
        pipeline.addAll(indexed);
    }

    private static ImageCollection firstPerClass(ImageCollection all, int perClass) {
        Map<String, Integer> counts = new HashMap<>();
        return ImageCollection.of(all.entries().stream()
                .filter(e -> counts.merge(e.label(), 1, Integer::sum) <= perClass).toList());
    }

    @Test
    void layersUpToPool5AreFrozenBitForBitTheFireModulesAfterItLearnAndTheClassifierIsNew() {
        ComputationGraph graph = tuned.network();
        Set<String> frozen = TransferGraph.ancestors(reference.getConfiguration(), "pool5");
        int frozenWithParameters = 0;
        int changed = 0;
        for (Layer layer : graph.getLayers()) {
            String name = layer.conf().getLayer().getLayerName();
            if (name.startsWith("fine_tuned") || layer.numParams() == 0) {
                continue;
            }
            float[] before = reference.getLayer(name).params().toFloatVector();
            float[] after = layer.params().toFloatVector();
            if (frozen.contains(name)) {
                assertInstanceOf(FrozenLayer.class, layer, name);
                assertArrayEquals(before, after, name);
                frozenWithParameters++;
            } else {
                assertFalse(layer instanceof FrozenLayer, name);
                assertTrue(name.startsWith("fire6") || name.startsWith("fire7") || name.startsWith("fire8")
                        || name.startsWith("fire9"), name);
                if (!Arrays.equals(before, after)) {
                    changed++;
                }
            }
        }
        // conv1 and the squeeze/expand convolutions of fire2..fire5 stay; all 12 of fire6..fire9 learn.
        assertEquals(1 + 4 * 3, frozenWithParameters);
        assertEquals(4 * 3, changed);
        assertNull(graph.getVertex("conv10"), "the ImageNet classifier is gone");
        assertEquals(List.of(TransferGraph.OUTPUT), graph.getConfiguration().getNetworkOutputs());
        assertEquals(4, graph.getLayer(TransferGraph.OUTPUT).getParam("b").length());
        assertEquals(List.of("fire9"), graph.getConfiguration().getVertexInputs().get(TransferGraph.POOL));
        assertEquals(512, tuned.dimension());
        assertEquals("squeezenet", tuned.spec().require("base"));
        assertEquals("fire9", tuned.spec().require("layer"));
        assertEquals("pool5", tuned.spec().require("frozen-up-to"));
        assertEquals("imagenet-mean", tuned.spec().require("preprocessing"));
        assertEquals(2, tuned.epochLosses().size());
        assertArrayEquals(reference.params().toFloatVector(), squeezeNet.network().params().toFloatVector(),
                "the base network is left as it was");
    }

    /** The signature is fire9 of the tuned network averaged over its 13x13 positions, the classifier's input. */
    @Test
    void signatureIsTheAverageOfTheLayerTheNewClassifierReads() throws IOException {
        Image image = training.entries().get(0).load();
        float[] signature = tuned.extract(image);
        ComputationGraph graph = tuned.network();
        var activations = graph.feedForward(tuned.format().batch(List.of(image), 0, 1), false);
        assertArrayEquals(activations.get(TransferGraph.POOL).toFloatVector(), signature, 1e-6f);
        float[] fire9 = activations.get("fire9").mean(2, 3).toFloatVector();
        assertArrayEquals(fire9, signature, 1e-6f);
    }

    @Test
    void thePipelineSavesAndLoadsWithoutTheWeightsFile() throws IOException {
        Path saved = dir.resolve("squeezenet.cbir");
        pipeline.save(saved);
        assertTrue(Files.isRegularFile(saved.resolve("extractor").resolve("fine-tuned.model")));
        Files.delete(cache.resolve("squeezenet.zip"));
        RetrievalPipeline loaded = RetrievalPipeline.load(saved);
        assertEquals(tuned.spec(), loaded.extractor().spec());
        for (ImageEntry e : indexed.entries().subList(0, 2)) {
            Image image = e.load();
            QueryResult before = pipeline.query(image, 4);
            QueryResult after = loaded.query(image, 4);
            assertEquals(before.matches(), after.matches());
            assertEquals(0.0, after.matches().get(0).distance(), 1e-6);
        }
    }

    @Test
    void badLayersAndABaseWithoutADefaultAreRefusedNamingThem() {
        BaseNetwork base = BaseNetwork.of(squeezeNet);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> FineTuning.builder(base).frozenUpTo("fire42").build());
        assertTrue(unknown.getMessage().contains("squeezenet") && unknown.getMessage().contains("'fire42'"),
                unknown.getMessage());
        IllegalArgumentException later = assertThrows(IllegalArgumentException.class,
                () -> FineTuning.builder(base).signatureLayer("fire4").build());
        assertTrue(later.getMessage().contains("'pool5'"), later.getMessage());
        BaseNetwork noDefault = BaseNetwork.restored("nasnet", null, reference, base.format(), "fire9", null);
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> FineTuning.builder(noDefault).build());
        assertTrue(none.getMessage().contains("nasnet") && none.getMessage().contains("frozenUpTo"), none.getMessage());
        assertTrue(FineTuning.builder(noDefault).frozenUpTo("fire7").build().isTrainable());
        assertTrue(FineTuning.builder(base).frozenUpTo("input").build().isTrainable(), "freezing nothing");
    }

    /**
     * Every documented default layer to freeze up to exists in its network's configuration (built
     * without weights) and lies before the default signature layer. NASNet has none (see BaseNetwork).
     */
    @Test
    void theDefaultFrozenLayersLieBeforeTheDefaultSignatureLayers() {
        Map<PretrainedModel, String> defaults = Map.of(PretrainedModel.RESNET50, "res4f_branch",
                PretrainedModel.VGG16, "17", PretrainedModel.VGG19, "20", PretrainedModel.XCEPTION, "add11",
                PretrainedModel.SQUEEZENET, "pool5", PretrainedModel.DARKNET19, "maxpooling2d_13");
        defaults.forEach((model, frozen) -> {
            ComputationGraphConfiguration conf = model.configuration();
            TransferGraph.validate(conf, ComponentSpec.enumName(model), model.defaultLayer(), frozen);
            assertTrue(TransferGraph.ancestors(conf, model.defaultLayer()).contains(frozen), model.toString());
        });
        ComputationGraphConfiguration inception = InceptionResNetV2.of(1000, 7).conf();
        TransferGraph.validate(inception, "inception-resnet-v2", InceptionResNetV2.SIGNATURE_LAYER, "block17_20_ac");
        assertTrue(TransferGraph.descendants(inception, "block17_20_ac").contains("mixed_7a"));
    }
}
