package org.cbir.nets.pretrained;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.cbir.core.ComponentSpec;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.image.Image;
import org.cbir.core.image.SampleDepth;
import org.cbir.core.io.CorruptFileException;
import org.cbir.core.io.StoreDirectory;
import org.cbir.core.spi.ComponentRegistry;
import org.cbir.core.spi.ComponentRole;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.deeplearning4j.zoo.PretrainedType;
import org.deeplearning4j.zoo.model.SqueezeNet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The offline weights path, on a SqueezeNet with random (seeded) weights saved as the zoo's cache
 * holds its ImageNet weights: nothing here downloads.
 */
class PretrainedExtractorTest {
    private static final int SIZE = 227;

    @TempDir
    static Path cache;
    private static ComputationGraph reference;
    private static Path zooFile;

    @TempDir
    Path dir;

    @BeforeAll
    static void writeZooFile() throws IOException {
        reference = SqueezeNet.builder().numClasses(1000).seed(3).build().init();
        zooFile = cache.resolve("squeezenet").resolve("squeezenet_dl4j_inference.v2.zip");
        Files.createDirectories(zooFile.getParent());
        ModelSerializer.writeModel(reference, zooFile.toFile(), false);
    }

    private static PretrainedExtractor squeezeNet(SmallImagePolicy policy) throws IOException {
        return PretrainedExtractor.builder().model(PretrainedModel.SQUEEZENET)
                .weights(PretrainedWeights.cacheFolder(cache)).policy(policy).build();
    }

    private static Image randomRgb(int width, int height, long seed) {
        Random random = new Random(seed);
        float[] samples = new float[width * height * 3];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = random.nextInt(256);
        }
        return Image.of(width, height, 3, SampleDepth.UINT8, samples);
    }

    /** The reference: ImageNet means subtracted by hand, fire9 averaged over its 13x13 positions. */
    @Test
    void signatureIsTheMeanOfTheLayerOnMeanSubtractedPixels() throws IOException {
        PretrainedExtractor extractor = squeezeNet(SmallImagePolicy.RESIZE);
        assertEquals(512, extractor.dimension());
        assertEquals(reference.params(), extractor.network().params());
        assertEquals("fire9", extractor.layer());
        Image image = randomRgb(SIZE, SIZE, 11);
        double[] means = {123.68, 116.779, 103.939};
        float[] input = new float[3 * SIZE * SIZE];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    input[(c * SIZE + y) * SIZE + x] = (float) (image.sample(x, y, c) - means[c]);
                }
            }
        }
        INDArray fire9 = reference.feedForward(Nd4j.create(input, new long[] {1, 3, SIZE, SIZE}, 'c'), false)
                .get("fire9");
        float[] expected = fire9.mean(2, 3).reshape(512).toFloatVector();
        float[] actual = extractor.extract(image);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-4 * (1 + Math.abs(expected[i])), "channel " + i);
        }
    }

    @Test
    void explicitFileAndCacheFolderLoadTheSameNetwork() throws IOException {
        Path copy = dir.resolve("my-squeezenet.zip");
        Files.copy(zooFile, copy);
        PretrainedExtractor fromFile = PretrainedExtractor.builder().model(PretrainedModel.SQUEEZENET)
                .weights(PretrainedWeights.file(copy)).build();
        Image image = randomRgb(100, 80, 12);
        assertArrayEquals(squeezeNet(SmallImagePolicy.RESIZE).extract(image), fromFile.extract(image));
        assertEquals("file:" + copy, fromFile.spec().require("weights"));
    }

    @Test
    void greyIsReplicatedToThreeChannels() throws IOException {
        Random random = new Random(13);
        float[] grey = new float[60 * 50];
        float[] rgb = new float[grey.length * 3];
        for (int i = 0; i < grey.length; i++) {
            grey[i] = random.nextInt(256);
            rgb[3 * i] = grey[i];
            rgb[3 * i + 1] = grey[i];
            rgb[3 * i + 2] = grey[i];
        }
        PretrainedExtractor extractor = squeezeNet(SmallImagePolicy.ZERO_PAD);
        assertArrayEquals(extractor.extract(Image.of(60, 50, 3, SampleDepth.UINT8, rgb)),
                extractor.extract(Image.of(60, 50, 1, SampleDepth.UINT8, grey)));
    }

    @Test
    void zeroPadPutsASmallImageInTheMiddleAtItsOwnScale() throws IOException {
        Image small = randomRgb(40, 30, 14);
        List<float[]> padded = squeezeNet(SmallImagePolicy.ZERO_PAD).extractAll(List.of(small));
        float[] byHand = squeezeNet(SmallImagePolicy.RESIZE).extract(small.pad(SIZE, SIZE));
        assertArrayEquals(byHand, padded.get(0));
        Image large = SmallImagePolicy.ZERO_PAD.fit(randomRgb(454, 300, 15), SIZE, SIZE);
        assertEquals(SIZE, large.width());
        assertEquals(SIZE, large.height());
        // 454x300 shrinks by 1/2 to 227x150, padded with 38 rows above and 39 below.
        assertEquals(0f, large.sample(100, 37, 1));
        assertEquals(0f, large.sample(100, SIZE - 39, 1));
    }

    @Test
    void savedPipelineStateIsSelfContained() throws IOException {
        Path ownCache = dir.resolve("cache");
        Path file = PretrainedModel.SQUEEZENET.weightsFileIn(ownCache);
        Files.createDirectories(file.getParent());
        Files.copy(zooFile, file);
        PretrainedExtractor extractor = PretrainedExtractor.builder().model(PretrainedModel.SQUEEZENET)
                .weights(PretrainedWeights.cacheFolder(ownCache)).build();
        Path state = Files.createDirectories(dir.resolve("state"));
        extractor.save(StoreDirectory.local(state));
        Files.delete(file);
        FeatureExtractor restored = ComponentRegistry.standard().restore(ComponentRole.EXTRACTOR, extractor.spec(), StoreDirectory.local(state));
        PretrainedExtractor pretrained = assertInstanceOf(PretrainedExtractor.class, restored);
        assertEquals(extractor.spec(), pretrained.spec());
        Image image = randomRgb(50, 70, 16);
        assertArrayEquals(extractor.extract(image), pretrained.extract(image));
        assertThrows(NoSuchFileException.class,
                () -> ComponentRegistry.standard().restore(ComponentRole.EXTRACTOR, extractor.spec()));
    }

    @Test
    void missingFileNamesThePathTheFileNameAndTheZooUrl() {
        Path empty = dir.resolve("empty-cache");
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> PretrainedExtractor.builder()
                .model(PretrainedModel.SQUEEZENET).weights(PretrainedWeights.cacheFolder(empty)).build());
        String url = SqueezeNet.builder().numClasses(1000).build().pretrainedUrl(PretrainedType.IMAGENET);
        String name = url.substring(url.lastIndexOf('/') + 1);
        Path expected = empty.resolve("squeezenet").resolve(name);
        assertTrue(e.getMessage().contains(expected.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("file name " + name), e.getMessage());
        assertTrue(e.getMessage().contains(url), e.getMessage());
        for (PretrainedModel model : PretrainedModel.values()) {
            NoSuchFileException each = assertThrows(NoSuchFileException.class, () -> PretrainedExtractor.builder()
                    .model(model).weights(PretrainedWeights.cacheFolder(empty)).build());
            String zooUrl = model.zooModel().pretrainedUrl(PretrainedType.IMAGENET);
            assertTrue(zooUrl.endsWith("/" + model.weightsFileName()), zooUrl);
            assertTrue(each.getMessage().contains(zooUrl), each.getMessage());
            assertTrue(each.getMessage().contains(model.weightsFileIn(empty).toString()), each.getMessage());
        }
    }

    @Test
    void aWeightsFileThatIsNoNetworkIsACorruptFileNamingIt() throws IOException {
        Path bogus = Files.writeString(dir.resolve("bogus.zip"), "not a zip");
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> PretrainedExtractor.builder()
                .model(PretrainedModel.SQUEEZENET).weights(PretrainedWeights.file(bogus)).build());
        assertTrue(e.getMessage().contains(bogus.toString()), e.getMessage());
    }

    @Test
    void specRecordsModelLayerPolicyAndWeights() throws IOException {
        PretrainedExtractor extractor = squeezeNet(SmallImagePolicy.ZERO_PAD);
        assertEquals(ComponentSpec.of("pretrained", "model", "squeezenet", "layer", "fire9", "policy", "zero-pad",
                "weights", "cache:" + cache), extractor.spec());
        PretrainedExtractor conv10 = PretrainedExtractor.builder().model(PretrainedModel.SQUEEZENET)
                .weights(PretrainedWeights.cacheFolder(cache)).layer("avg_pool").build();
        assertEquals(1000, conv10.dimension());
        assertThrows(IllegalArgumentException.class, () -> PretrainedExtractor.builder()
                .model(PretrainedModel.SQUEEZENET).weights(PretrainedWeights.cacheFolder(cache)).layer("nope").build());
        assertEquals(PretrainedWeights.zooCache(), PretrainedWeights.parse("zoo-cache"));
        assertThrows(IllegalArgumentException.class, () -> PretrainedWeights.parse("http://example"));
    }

    /**
     * The default layers exist in the zoo's configurations (built without weights) and have the
     * papers' widths: ResNet-50 2048, VGG fc 4096, Xception 2048, SqueezeNet fire9 512, Darknet-19
     * 1024. NASNet is left out: its zoo configuration does not build in Deeplearning4j 1.0.0-M2.1.
     */
    @Test
    void defaultLayersExistInTheZooConfigurations() {
        Map<PretrainedModel, Long> widths = Map.of(PretrainedModel.RESNET50, 2048L, PretrainedModel.VGG16, 4096L,
                PretrainedModel.VGG19, 4096L, PretrainedModel.XCEPTION, 2048L, PretrainedModel.SQUEEZENET, 512L,
                PretrainedModel.DARKNET19, 1024L);
        widths.forEach((model, width) -> {
            ComputationGraphConfiguration conf = model.configuration();
            assertTrue(conf.getVertices().containsKey(model.defaultLayer()), model + " " + model.defaultLayer());
            InputType type = conf.getLayerActivationTypes(InputType.convolutional(model.height(), model.width(), 3))
                    .get(model.defaultLayer());
            long channels = type instanceof InputType.InputTypeConvolutional c ? c.getChannels()
                    : type.arrayElementsPerExample();
            assertEquals(width, channels, model.toString());
        });
        assertEquals(List.of(3, 224, 224), List.of(3, PretrainedModel.RESNET50.height(), PretrainedModel.RESNET50.width()));
        assertEquals(299, PretrainedModel.XCEPTION.width());
        assertEquals(227, PretrainedModel.SQUEEZENET.width());
    }
}
