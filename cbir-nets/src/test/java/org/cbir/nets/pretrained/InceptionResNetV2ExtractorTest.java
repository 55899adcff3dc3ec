package org.cbir.nets.pretrained;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.cbir.core.ComponentSpec;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.image.Image;
import org.cbir.core.image.SampleDepth;
import org.cbir.core.io.CorruptFileException;
import org.cbir.core.io.InvalidFileException;
import org.cbir.core.io.StoreDirectory;
import org.cbir.nets.NetsComponents;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The pretrained Inception-ResNet-v2 extractor on one network with random (seeded) weights at the
 * smallest input (75x75), built once: the Keras weights loader itself is tested by
 * {@link KerasInceptionWeightsTest}, so nothing here needs the 215 MB ImageNet file.
 */
class InceptionResNetV2ExtractorTest {
    private static final int SIZE = InceptionResNetV2.MIN_SIZE;
    private static final String MD5 = "0123456789abcdef0123456789abcdef";

    private static ComputationGraph graph;
    private static InceptionResNetV2Extractor extractor;

    @TempDir
    Path dir;

    @BeforeAll
    static void buildSeededNetwork() {
        graph = SeededInceptionResNetV2.GRAPH;
        extractor = InceptionResNetV2Extractor.builder().inputSize(SIZE).batchSize(2).build(graph, "seeded.h5", MD5);
    }

    private static Image random(int channels, long seed) {
        Random random = new Random(seed);
        float[] samples = new float[SIZE * SIZE * channels];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = random.nextInt(256);
        }
        return Image.of(SIZE, SIZE, channels, SampleDepth.UINT8, samples);
    }

    /** The network's input for {@code image} by hand: RGB (grey replicated), {@code x / 127.5 - 1}, channels first. */
    private static float[] kerasInput(Image image) {
        float[] input = new float[3 * SIZE * SIZE];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < SIZE; y++) {
                for (int x = 0; x < SIZE; x++) {
                    float v = image.sample(x, y, image.channels() == 1 ? 0 : c);
                    input[(c * SIZE + y) * SIZE + x] = v / 127.5f - 1;
                }
            }
        }
        return input;
    }

    private static void assertClose(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-4 * (1 + Math.abs(expected[i])), what + ", value " + i);
        }
    }

    /**
     * The reference is the graph's own {@code avg_pool} from {@code feedForward} (every layer's
     * activations, not the extractor's path) on input scaled by hand; batched and one-by-one agree.
     */
    @Test
    void signatureIsTheGraphsAvgPoolOnKerasScaledRgbAndBatchesAgree() {
        assertEquals(1536, extractor.dimension());
        List<Image> images = List.of(random(3, 1), random(1, 2), random(3, 3));
        float[] input = new float[images.size() * 3 * SIZE * SIZE];
        for (int i = 0; i < images.size(); i++) {
            System.arraycopy(kerasInput(images.get(i)), 0, input, i * 3 * SIZE * SIZE, 3 * SIZE * SIZE);
        }
        INDArray avgPool = graph.feedForward(Nd4j.create(input, new long[] {images.size(), 3, SIZE, SIZE}, 'c'), false)
                .get(InceptionResNetV2.SIGNATURE_LAYER);
        List<float[]> batched = extractor.extractAll(images);
        assertEquals(images.size(), batched.size());
        for (int i = 0; i < images.size(); i++) {
            float[] expected = avgPool.getRow(i).toFloatVector();
            assertClose(expected, batched.get(i), "image " + i);
            assertClose(batched.get(i), extractor.extract(images.get(i)), "image " + i + " alone");
        }
        double spread = 0;
        for (int k = 0; k < 1536; k++) {
            spread += Math.abs(batched.get(0)[k] - batched.get(2)[k]);
        }
        assertTrue(spread > 0, "two different images gave one signature");
    }

    @Test
    void specRecordsLayerSizePolicyAndTheWeightsFileWithItsMd5() {
        ComponentSpec spec = extractor.spec();
        assertEquals(InceptionResNetV2Extractor.TYPE, spec.type());
        assertEquals("inception-resnet-v2", spec.type());
        assertEquals("avg_pool", spec.require("layer"));
        assertEquals(SIZE, spec.requireInt("size"));
        assertEquals("resize", spec.require("policy"));
        assertEquals("seeded.h5", spec.require("weights"));
        assertEquals(MD5, spec.require("weights-md5"));
        BaseNetwork base = BaseNetwork.of(extractor);
        assertEquals("inception-resnet-v2", base.name());
        assertEquals("seeded.h5 md5:" + MD5, base.weights());
        assertEquals("block17_20_ac", base.frozenUpTo());
        assertEquals(extractor.format(), base.format());
        assertSame(graph, base.graph());
    }

    /**
     * A store saved with the extractor loads (through {@link NetsComponents}, without the weights
     * file) with the same signatures; a damaged copy of its network is refused, naming the file.
     */
    @Test
    void aSavedStoreLoadsWithIdenticalSignaturesAndACorruptNetworkIsRefused() throws IOException {
        RetrievalPipeline pipeline = RetrievalPipeline.builder().extractor(extractor).build();
        Image first = random(3, 4);
        Image second = random(1, 6);
        long id = pipeline.add(first, "first.png", "a");
        pipeline.add(second, "second.png", "b");
        Path store = dir.resolve("irv2.cbir");
        pipeline.save(store);

        RetrievalPipeline loaded = RetrievalPipeline.load(store);
        InceptionResNetV2Extractor restored = assertInstanceOf(InceptionResNetV2Extractor.class, loaded.extractor());
        assertEquals(extractor.spec(), restored.spec());
        assertArrayEquals(extractor.extract(second), restored.extract(second));
        assertArrayEquals(pipeline.storedSignature(id).orElseThrow(), restored.extract(first));
        assertEquals("first.png", loaded.query(first, 1).matches().get(0).path());

        Path model = store.resolve("extractor").resolve(PretrainedModelFile.FILE_NAME);
        byte[] bytes = Files.readAllBytes(model);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(model, bytes);
        CorruptFileException corrupt = assertThrows(CorruptFileException.class, () -> RetrievalPipeline.load(store));
        assertTrue(corrupt.getMessage().startsWith(model.toString()), corrupt.getMessage());
        Files.delete(model);
        assertThrows(NoSuchFileException.class, () -> InceptionResNetV2Extractor.restore(extractor.spec(),
                StoreDirectory.local(model.getParent())));
    }

    /** Without a saved network the spec's weights file is read, but only if it is the same file (its MD5). */
    @Test
    void withoutSavedStateTheWeightsFileMustHaveTheRecordedMd5() throws IOException {
        Path other = Files.writeString(dir.resolve("other.h5"), "not the weights");
        ComponentSpec spec = ComponentSpec.of(InceptionResNetV2Extractor.TYPE, "layer", "avg_pool", "size", SIZE,
                "policy", "resize", "weights", other, "weights-md5", MD5);
        InvalidFileException e = assertThrows(InvalidFileException.class,
                () -> InceptionResNetV2Extractor.restore(spec, null));
        assertTrue(e.getMessage().contains(MD5), e.getMessage());
        Path missing = dir.resolve("missing.h5");
        ComponentSpec gone = ComponentSpec.of(InceptionResNetV2Extractor.TYPE, "layer", "avg_pool", "size", SIZE,
                "policy", "resize", "weights", missing, "weights-md5", MD5);
        assertThrows(NoSuchFileException.class, () -> InceptionResNetV2Extractor.restore(gone, null));
    }

    /** RFC 1321's test vectors. */
    @Test
    void md5IsTheRfc1321Digest() throws IOException {
        assertEquals("900150983cd24fb0d6963f7d28e17f72",
                InceptionResNetV2Extractor.md5(Files.write(dir.resolve("abc"), "abc".getBytes(StandardCharsets.US_ASCII))));
        assertEquals("d41d8cd98f00b204e9800998ecf8427e", InceptionResNetV2Extractor.md5(Files.write(dir.resolve("empty"),
                new byte[0])));
    }

    @Test
    void aMissingWeightsFileIsNamedWithHowToGetItAndBadSettingsAreRefused() {
        Path h5 = dir.resolve(InceptionResNetV2Extractor.KERAS_WEIGHTS_FILE);
        NoSuchFileException missing = assertThrows(NoSuchFileException.class,
                () -> InceptionResNetV2Extractor.builder().weights(h5).inputSize(SIZE).build());
        assertEquals(h5.toString(), missing.getFile());
        assertTrue(missing.getReason().contains("keras.applications.InceptionResNetV2(weights='imagenet')"),
                missing.getReason());
        assertThrows(IllegalArgumentException.class,
                () -> InceptionResNetV2Extractor.builder().weights(h5).inputSize(SIZE - 1).build());
        assertThrows(IllegalArgumentException.class,
                () -> InceptionResNetV2Extractor.builder().weights(h5).batchSize(0).build());
        assertThrows(IllegalArgumentException.class,
                () -> InceptionResNetV2Extractor.builder().inputSize(SIZE).layer("no_such_layer").build(graph, "x", MD5));
        assertEquals(Path.of(System.getProperty("user.home"), ".keras", "models",
                "inception_resnet_v2_weights_tf_dim_ordering_tf_kernels.h5"), InceptionResNetV2Extractor.kerasCacheFile());
    }
}
