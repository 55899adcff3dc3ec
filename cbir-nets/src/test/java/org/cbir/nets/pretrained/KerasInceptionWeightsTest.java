package org.cbir.nets.pretrained;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cbir.nets.pretrained.KerasInceptionWeights.Assignment;
import org.cbir.nets.pretrained.KerasLayerCopy.Kind;
import org.cbir.nets.pretrained.KerasWeightsFile.KerasLayerWeights;
import org.cbir.nets.pretrained.KerasWeightsFile.KerasWeight;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The mapping of Keras's Inception-ResNet-v2 layers onto {@link InceptionResNetV2}, against the
 * layer names, weight names and shapes of a weights file that real Keras wrote
 * ({@code irv2_keras_layers.tsv}, made by {@code tools/keras_inception_parity.py
 * --fixtures} from {@code keras.applications.InceptionResNetV2} in the Keras 2 applications
 * layout). Only names and shapes: the mapping and its checks need no weights, so no graph is
 * allocated. (The values were checked against Keras's outputs with the real file: BENCHMARKS.md,
 * "Inception-ResNet-v2: Keras parity".)
 */
class KerasInceptionWeightsTest {
    private static final String SOURCE = "/somewhere/inception_resnet_v2_weights_tf_dim_ordering_tf_kernels.h5";
    private static ComputationGraphConfiguration conf;
    private static List<KerasLayerWeights> keras;

    @BeforeAll
    static void readCatalog() throws Exception {
        conf = InceptionResNetV2.of(1000, 1).conf();
        Map<String, List<KerasWeight>> layers = new LinkedHashMap<>();
        for (String line : Files.readAllLines(KerasWeightsFileTest.resource("irv2_keras_layers.tsv"))) {
            if (line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            String[] dims = f[2].split("x");
            long[] shape = new long[dims.length];
            for (int i = 0; i < dims.length; i++) {
                shape[i] = Long.parseLong(dims[i]);
            }
            String shortName = f[1].substring(f[1].lastIndexOf('/') + 1).replace(":0", "");
            layers.computeIfAbsent(f[0], k -> new ArrayList<>()).add(new KerasWeight(f[1], shortName, shape, new float[0]));
        }
        keras = new ArrayList<>();
        layers.forEach((name, weights) -> keras.add(new KerasLayerWeights(name, weights)));
    }

    private static String target(List<Assignment> plan, String kerasLayer) {
        return plan.stream().filter(a -> a.keras().layer().equals(kerasLayer)).findFirst().orElseThrow().target();
    }

    @Test
    void everyKerasLayerFindsItsPlaceWithItsShape() throws IOException {
        List<Assignment> plan = KerasInceptionWeights.plan(conf, keras, SOURCE);
        assertEquals(449, keras.size());
        assertEquals(keras.size(), plan.size());
        assertEquals(449, plan.stream().map(Assignment::target).distinct().count());
        // Keras 2 counts from conv2d_1; the stem has five conv2d_bn, mixed_5b seven, then block35_1
        assertEquals("stem_conv1", target(plan, "conv2d_1"));
        assertEquals("stem_conv5_bn", target(plan, "batch_normalization_5"));
        assertEquals("mixed_5b_pool", conf.getVertexInputs().get(target(plan, "conv2d_12")).get(0));
        assertEquals("block35_1_b0", target(plan, "conv2d_13"));
        assertEquals("block8_10_b1c_bn", target(plan, "batch_normalization_203"));
        assertEquals("block17_20_conv", target(plan, "block17_20_conv"));
        assertEquals(Kind.DENSE, plan.stream().filter(a -> a.target().equals("predictions")).findFirst()
                .orElseThrow().kind());
    }

    @Test
    void kerasThreeNamesCountingFromZeroMapTheSameWay() throws IOException {
        List<KerasLayerWeights> renamed = new ArrayList<>();
        for (KerasLayerWeights k : keras) {
            String name = k.layer().matches("(conv2d|batch_normalization)_\\d+")
                    ? shift(k.layer()) : k.layer();
            renamed.add(new KerasLayerWeights(name, k.weights()));
        }
        List<Assignment> plan = KerasInceptionWeights.plan(conf, renamed, SOURCE);
        assertEquals("stem_conv1", target(plan, "conv2d"));
        assertEquals("stem_conv2", target(plan, "conv2d_1"));
        assertEquals("block8_10_b1c_bn", target(plan, "batch_normalization_202"));
    }

    private static String shift(String name) {
        int cut = name.lastIndexOf('_');
        int n = Integer.parseInt(name.substring(cut + 1)) - 1;
        return n == 0 ? name.substring(0, cut) : name.substring(0, cut + 1) + n;
    }

    @Test
    void theNoTopFileLeavesTheClassifierOut() throws IOException {
        List<KerasLayerWeights> notop = keras.stream().filter(k -> !k.layer().equals("predictions")).toList();
        List<Assignment> plan = KerasInceptionWeights.plan(conf, notop, SOURCE);
        assertEquals(448, plan.size());
        assertTrue(plan.stream().noneMatch(a -> a.target().equals("predictions")));
    }

    @Test
    void aMissingNamedLayerIsNamed() {
        List<KerasLayerWeights> less = keras.stream().filter(k -> !k.layer().equals("block17_3_conv")).toList();
        IOException e = assertThrows(IOException.class, () -> KerasInceptionWeights.plan(conf, less, SOURCE));
        assertTrue(e.getMessage().contains(SOURCE) && e.getMessage().contains("block17_3_conv"), e.getMessage());
    }

    @Test
    void aMissingAutomaticLayerIsCounted() {
        List<KerasLayerWeights> less = keras.stream().filter(k -> !k.layer().equals("batch_normalization_203"))
                .toList();
        IOException e = assertThrows(IOException.class, () -> KerasInceptionWeights.plan(conf, less, SOURCE));
        assertTrue(e.getMessage().contains(SOURCE) && e.getMessage().contains("202 automatically named")
                && e.getMessage().contains("block8_10_b1c_bn"), e.getMessage());
    }

    @Test
    void aSurplusLayerIsNamed() {
        List<KerasLayerWeights> more = new ArrayList<>(keras);
        more.add(new KerasLayerWeights("dense_1", List.of(
                new KerasWeight("dense_1/kernel:0", "kernel", new long[] {1536, 10}, new float[0]))));
        IOException e = assertThrows(IOException.class, () -> KerasInceptionWeights.plan(conf, more, SOURCE));
        assertTrue(e.getMessage().contains(SOURCE) && e.getMessage().contains("dense_1"), e.getMessage());
        List<KerasLayerWeights> extraConv = new ArrayList<>(keras);
        extraConv.add(new KerasLayerWeights("conv2d_204", List.of(
                new KerasWeight("conv2d_204/kernel:0", "kernel", new long[] {1, 1, 8, 8}, new float[0]))));
        IOException surplus = assertThrows(IOException.class, () -> KerasInceptionWeights.plan(conf, extraConv, SOURCE));
        assertTrue(surplus.getMessage().contains("surplus Keras layer 'conv2d_204'"), surplus.getMessage());
    }

    @Test
    void aWrongShapeIsNamedWithBothShapes() {
        List<KerasLayerWeights> wrong = new ArrayList<>();
        for (KerasLayerWeights k : keras) {
            wrong.add(!k.layer().equals("conv2d_100") ? k : new KerasLayerWeights(k.layer(), List.of(
                    new KerasWeight("conv2d_100/kernel:0", "kernel", new long[] {3, 3, 128, 160}, new float[0]))));
        }
        IOException e = assertThrows(IOException.class, () -> KerasInceptionWeights.plan(conf, wrong, SOURCE));
        assertTrue(e.getMessage().contains(SOURCE) && e.getMessage().contains("conv2d_100")
                && e.getMessage().contains("3x3x128x160"), e.getMessage());
    }

    @Test
    void aClassifierForOtherClassesIsRefused() {
        ComputationGraphConfiguration ten = InceptionResNetV2.of(10, 1).conf();
        IOException e = assertThrows(IOException.class, () -> KerasInceptionWeights.plan(ten, keras, SOURCE));
        assertTrue(e.getMessage().contains("predictions") && e.getMessage().contains("1536x1000"), e.getMessage());
    }
}
