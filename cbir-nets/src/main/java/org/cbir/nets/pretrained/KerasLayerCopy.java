package org.cbir.nets.pretrained;

import java.io.IOException;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.cbir.nets.pretrained.KerasWeightsFile.KerasLayerWeights;
import org.cbir.nets.pretrained.KerasWeightsFile.KerasWeight;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Copies one Keras layer's weights ({@link KerasWeightsFile}) into one Deeplearning4j layer,
 * converting Keras's layouts to Deeplearning4j's (channels-first graphs):
 * <ul>
 *   <li>{@link Kind#CONVOLUTION}: kernel {@code [kh, kw, in, out]} to {@code W [out, in, kh, kw]},
 *       bias (if the layer has one) {@code [out]} to {@code b};
 *   <li>{@link Kind#BATCH_NORM}: {@code beta}, {@code moving_mean}, {@code moving_variance} to
 *       {@code beta}, {@code mean}, {@code var} (or, when the layer keeps its statistics as a log
 *       standard deviation, {@code log10stdev = log10(sqrt(var))}: Deeplearning4j adds eps where it
 *       uses it, as Keras does; verified against Keras's outputs), and {@code gamma} if
 *       the file has it, else 1 (Keras's {@code scale=False});
 *   <li>{@link Kind#DENSE}: kernel {@code [in, out]} to {@code W [in, out]}, bias to {@code b}.
 * </ul>
 * Every shape is checked first, and a mismatch, a missing or an unexpected weight is an
 * {@link IOException} naming the file and both layers. Stateless utility.
 */
final class KerasLayerCopy {
    /** What a Keras layer is. */
    enum Kind {
        /** {@code Conv2D}, with or without bias. */
        CONVOLUTION,
        /** {@code BatchNormalization} over channels. */
        BATCH_NORM,
        /** {@code Dense}. */
        DENSE
    }

    private KerasLayerCopy() {
    }

    /**
     * Checks that {@code keras}'s weights fit the layer {@code target} of the configuration
     * {@code conf} (names and shapes), without any weights allocated.
     *
     * @param source the file, for messages
     * @throws IOException naming {@code source} and the layers on any mismatch
     */
    static void check(ComputationGraphConfiguration conf, String target, KerasLayerWeights keras, Kind kind,
            String source) throws IOException {
        String where = source + ": Keras layer '" + keras.layer() + "' (into '" + target + "')";
        GraphVertex vertex = conf.getVertices().get(target);
        org.deeplearning4j.nn.conf.layers.Layer layer = vertex instanceof LayerVertex lv
                ? lv.getLayerConf().getLayer() : null;
        switch (kind) {
            case CONVOLUTION -> {
                if (!(layer instanceof ConvolutionLayer c)) {
                    throw new IOException(where + ": the network's layer is not a convolution");
                }
                expectNames(where, keras, c.hasBias() ? Set.of("kernel", "bias") : Set.of("kernel"));
                int[] k = c.getKernelSize();
                expectShape(where, keras.weight("kernel"), k[0], k[1], c.getNIn(), c.getNOut());
                if (c.hasBias()) {
                    expectShape(where, keras.weight("bias"), c.getNOut());
                }
            }
            case BATCH_NORM -> {
                if (!(layer instanceof BatchNormalization bn)) {
                    throw new IOException(where + ": the network's layer is not a batch normalisation");
                }
                Set<String> names = keras.weight("gamma") == null
                        ? Set.of("beta", "moving_mean", "moving_variance")
                        : Set.of("gamma", "beta", "moving_mean", "moving_variance");
                expectNames(where, keras, names);
                for (String name : names) {
                    expectShape(where, keras.weight(name), bn.getNOut());
                }
            }
            case DENSE -> {
                if (!(layer instanceof FeedForwardLayer f) || layer instanceof ConvolutionLayer
                        || layer instanceof BatchNormalization) {
                    throw new IOException(where + ": the network's layer is not a dense layer");
                }
                expectNames(where, keras, Set.of("kernel", "bias"));
                expectShape(where, keras.weight("kernel"), f.getNIn(), f.getNOut());
                expectShape(where, keras.weight("bias"), f.getNOut());
            }
            default -> throw new IllegalStateException(kind.toString());
        }
    }

    /**
     * Copies {@code keras}'s weights into {@code graph}'s layer {@code target}; call
     * {@link #check} with the graph's configuration first (this assumes names and shapes fit).
     */
    static void copy(ComputationGraph graph, String target, KerasLayerWeights keras, Kind kind) {
        Layer layer = graph.getLayer(target);
        switch (kind) {
            case CONVOLUTION -> {
                KerasWeight kernel = keras.weight("kernel");
                INDArray w = layer.getParam("W");
                w.assign(Nd4j.create(kernel.data(), kernel.shape(), 'c').permute(3, 2, 0, 1).castTo(w.dataType()));
                if (keras.weight("bias") != null) {
                    set(layer, "b", keras.weight("bias"));
                }
            }
            case BATCH_NORM -> writeBatchNorm(layer, keras);
            case DENSE -> {
                set(layer, "W", keras.weight("kernel"));
                set(layer, "b", keras.weight("bias"));
            }
            default -> throw new IllegalStateException(kind.toString());
        }
    }

    private static void writeBatchNorm(Layer layer, KerasLayerWeights keras) {
        KerasWeight gamma = keras.weight("gamma");
        INDArray g = layer.getParam(BatchNormalizationParamInitializer.GAMMA);
        if (gamma == null) {
            g.assign(1.0);
        } else {
            set(layer, BatchNormalizationParamInitializer.GAMMA, gamma);
        }
        set(layer, BatchNormalizationParamInitializer.BETA, keras.weight("beta"));
        set(layer, BatchNormalizationParamInitializer.GLOBAL_MEAN, keras.weight("moving_mean"));
        float[] var = keras.weight("moving_variance").data();
        if (layer.paramTable().containsKey(BatchNormalizationParamInitializer.GLOBAL_VAR)) {
            INDArray p = layer.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR);
            p.assign(Nd4j.create(var).reshape(p.shape()).castTo(p.dataType()));
        } else {
            double[] logStd = new double[var.length];
            for (int i = 0; i < var.length; i++) {
                logStd[i] = 0.5 * Math.log10(var[i]);
            }
            INDArray p = layer.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD);
            p.assign(Nd4j.create(logStd).reshape(p.shape()).castTo(p.dataType()));
        }
    }

    /** Assigns {@code w}'s values (same number, row-major) to the parameter {@code key}, in its shape. */
    private static void set(Layer layer, String key, KerasWeight w) {
        INDArray p = layer.getParam(key);
        p.assign(Nd4j.create(w.data(), w.shape(), 'c').reshape('c', p.shape()).castTo(p.dataType()));
    }

    private static void expectNames(String where, KerasLayerWeights keras, Set<String> expected) throws IOException {
        Set<String> found = new TreeSet<>();
        for (KerasWeight w : keras.weights()) {
            found.add(w.shortName());
        }
        if (!found.equals(new TreeSet<>(expected)) || found.size() != keras.weights().size()) {
            throw new IOException(where + " has weights " + found + ", expected " + new TreeSet<>(expected));
        }
    }

    private static void expectShape(String where, KerasWeight w, long... expected) throws IOException {
        if (!Arrays.equals(w.shape(), expected)) {
            StringBuilder e = new StringBuilder();
            for (long d : expected) {
                e.append(e.length() == 0 ? "" : "x").append(d);
            }
            throw new IOException(where + ": weight '" + w.name() + "' has shape " + w.shapeText()
                    + ", the network needs " + e);
        }
    }
}
