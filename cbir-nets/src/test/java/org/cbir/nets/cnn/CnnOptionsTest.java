package org.cbir.nets.cnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cbir.core.ComponentSpec;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The CNN's input cap and stem: defaults, the automatic stride, the spec form and bad values. */
class CnnOptionsTest {

    private static CnnOptions tiny(CnnOptions.Builder builder) {
        return CnnExtractorTest.tiny(builder).build();
    }

    @Test
    void defaultsReadUpTo64PixelsWithAStride1Stem() {
        CnnOptions o = CnnOptions.builder().build();
        assertEquals(64, o.maxInputSize());
        assertEquals(1, o.stemStride());
        assertEquals("1", o.spec().require("stem"));
        assertEquals("auto", CompactCnn.of(CnnOptions.builder().stemStride(CnnOptions.AUTO_STEM).build()).spec().require("stem"));
    }

    @Test
    void theAutomaticStemHalvesInputsWhoseSmallerSideExceeds64Pixels() {
        CnnOptions o = CnnOptions.builder().maxInputSize(128).stemStride(CnnOptions.AUTO_STEM).build();
        assertEquals(1, o.stemStrideFor(16, 16));
        assertEquals(1, o.stemStrideFor(64, 64));
        assertEquals(2, o.stemStrideFor(65, 65));
        assertEquals(2, o.stemStrideFor(100, 100));
        assertEquals(1, o.stemStrideFor(128, 64));
        // 8 stages need 128 pixels after the stem: a 200-pixel input keeps stride 1
        assertEquals(1, CnnOptions.builder().stages(8).maxInputSize(256).stemStride(CnnOptions.AUTO_STEM).build()
                .stemStrideFor(200, 200));
        assertEquals(2, tiny(CnnOptions.builder().stemStride(2)).stemStrideFor(16, 16));
        assertEquals(1, tiny(CnnOptions.builder().stemStride(1)).stemStrideFor(100, 100));
    }

    @Test
    void aStride2StemHalvesTheFirstFeatureMaps() {
        // "same" convolutions: a 3x3 stride-2 stem maps 100 pixels to ceil(100 / 2) = 50, stride 1 keeps 64
        for (int[] c : new int[][] {{100, 2, 50}, {64, 1, 64}}) {
            CnnOptions o = tiny(CnnOptions.builder().maxInputSize(128).stemStride(CnnOptions.AUTO_STEM));
            CnnInput input = new CnnInput(c[0], c[0], 1, 0, 1);
            MultiLayerNetwork net = new MultiLayerNetwork(CnnNetwork.configuration(o, input, 2));
            net.init();
            ConvolutionLayer stem = (ConvolutionLayer) net.getLayerWiseConfigurations().getConf(0).getLayer();
            assertArrayEquals(new int[] {c[1], c[1]}, stem.getStride());
            List<INDArray> activations = net.feedForwardToLayer(0, Nd4j.zeros(DataType.FLOAT, 1, 1, c[0], c[0]), false);
            assertArrayEquals(new long[] {1, 4, c[2], c[2]}, activations.get(1).shape());
        }
    }

    @Test
    void theStemRoundTripsThroughTheSpecAndOldSpecsMeanStride1() {
        for (int stem : new int[] {CnnOptions.AUTO_STEM, 1, 2}) {
            CnnOptions o = tiny(CnnOptions.builder().stemStride(stem).maxInputSize(40));
            assertEquals(o, CnnOptions.fromSpec(o.spec()));
        }
        Map<String, String> parameters = new TreeMap<>(CompactCnn.of(CnnOptions.builder().build()).spec().parameters());
        parameters.remove("stem");
        assertEquals(1, CnnOptions.fromSpec(new ComponentSpec("cnn", parameters)).stemStride());
    }

    @Test
    void badStemsAreRefusedNamingTheSetting() {
        String stride = assertThrows(IllegalArgumentException.class,
                () -> CnnOptions.builder().stemStride(3).build()).getMessage();
        assertTrue(stride.contains("stem stride must be 1, 2 or auto, got 3"), stride);
        String side = assertThrows(IllegalArgumentException.class,
                () -> CnnOptions.builder().stages(3).stemStride(2).maxInputSize(6).build()).getMessage();
        assertTrue(side.contains("at least 8 for 3 stages after a stride-2 stem, got 6"), side);
    }
}
