package org.cbir.nets.pretrained;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cbir.nets.pretrained.KerasLayerCopy.Kind;
import org.cbir.nets.pretrained.KerasWeightsFile.KerasLayerWeights;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps the layers of a Keras applications Inception-ResNet-v2 weights file
 * ({@code inception_resnet_v2_weights_tf_dim_ordering_tf_kernels.h5}, its {@code _notop} variant,
 * or the weights inside a {@code model.save("x.h5")} file; see {@link KerasWeightsFile}) onto
 * the layers of an {@link InceptionResNetV2} graph, and copies them ({@link KerasLayerCopy}).
 *
 * <p>Keras names most of its layers automatically ({@code conv2d_1}, {@code conv2d_2}, ... in
 * Keras 2; {@code conv2d}, {@code conv2d_1}, ... in Keras 3; the same for
 * {@code batch_normalization}) in the order {@code inception_resnet_v2.py} creates them, which is
 * the order {@link InceptionResNetV2} adds its {@code conv2d_bn} convolutions: so the automatic
 * {@code conv2d} layers, sorted by their number, go to this graph's bias-free convolutions other
 * than {@code conv_7b} in creation order, and the {@code batch_normalization} layers to their batch
 * normalisations. The named layers ({@code block35_1_conv} ... {@code block8_10_conv},
 * {@code conv_7b}, {@code conv_7b_bn}, {@code predictions}) have the same names here.
 * {@code predictions} is optional (the {@code _notop} file): without it the graph's classifier
 * keeps its own weights. Everything else must match one to one, or nothing is copied.
 * Stateless utility.
 */
final class KerasInceptionWeights {
    private static final Logger LOG = LoggerFactory.getLogger(KerasInceptionWeights.class);
    private static final Pattern CONV = Pattern.compile("conv2d(?:_(\\d+))?");
    private static final Pattern BATCH_NORM = Pattern.compile("batch_normalization(?:_(\\d+))?");

    private KerasInceptionWeights() {
    }

    /** One Keras layer and the graph layer it goes to. */
    record Assignment(KerasLayerWeights keras, String target, Kind kind) {
    }

    /**
     * Copies the weights of {@code file} into {@code graph} (built by {@link InceptionResNetV2#init()}),
     * after checking every layer ({@link #plan}).
     *
     * @return whether the file had the {@code predictions} layer (false: a {@code _notop} file)
     * @throws IOException naming the file and the layer if the file does not match the graph;
     *     the graph is then unchanged
     */
    static boolean load(ComputationGraph graph, KerasWeightsFile file) throws IOException {
        return copy(graph, plan(graph.getConfiguration(), file.layersWithWeights(), file.file().toString()), file);
    }

    /**
     * Copies the layers of a {@link #plan} made for {@code graph}'s configuration from {@code file}.
     *
     * @return whether the plan had the {@code predictions} layer (false: a {@code _notop} file)
     */
    static boolean copy(ComputationGraph graph, List<Assignment> plan, KerasWeightsFile file) {
        boolean top = false;
        for (Assignment a : plan) {
            KerasLayerCopy.copy(graph, a.target(), a.keras(), a.kind());
            top |= a.target().equals(InceptionResNetV2.OUTPUT);
        }
        LOG.info("loaded {} Keras layers from {}{}", plan.size(), file.file(),
                top ? "" : " (no 'predictions' layer: the classifier keeps its own weights)");
        return top;
    }

    /**
     * Which graph layer each Keras layer with weights goes to, each checked ({@link KerasLayerCopy#check}).
     *
     * @param conf the configuration of an {@link InceptionResNetV2} graph
     * @param layers the file's layers with weights, in any order
     * @param source the file, for messages
     * @throws IOException naming {@code source} and the layer if a Keras layer has no place in
     *     the graph, or a graph layer (other than {@code predictions}) gets no Keras layer
     */
    static List<Assignment> plan(ComputationGraphConfiguration conf, List<KerasLayerWeights> layers, String source)
            throws IOException {
        List<String> convs = new ArrayList<>();
        List<String> norms = new ArrayList<>();
        List<String> named = new ArrayList<>();
        for (Map.Entry<String, GraphVertex> e : conf.getVertices().entrySet()) {
            if (!(e.getValue() instanceof LayerVertex lv)) {
                continue;
            }
            String name = e.getKey();
            var layer = lv.getLayerConf().getLayer();
            if (layer instanceof ConvolutionLayer c && !c.hasBias() && !name.equals("conv_7b")) {
                convs.add(name);
            } else if (layer instanceof BatchNormalization && !name.equals("conv_7b_bn")) {
                norms.add(name);
            } else if (layer instanceof ConvolutionLayer || layer instanceof BatchNormalization
                    || layer instanceof FeedForwardLayer) {
                named.add(name);
            }
        }
        List<KerasLayerWeights> kerasConvs = new ArrayList<>();
        List<KerasLayerWeights> kerasNorms = new ArrayList<>();
        List<Assignment> plan = new ArrayList<>();
        Set<String> assigned = new HashSet<>();
        for (KerasLayerWeights k : layers) {
            if (CONV.matcher(k.layer()).matches()) {
                kerasConvs.add(k);
            } else if (BATCH_NORM.matcher(k.layer()).matches()) {
                kerasNorms.add(k);
            } else if (named.contains(k.layer())) {
                plan.add(new Assignment(k, k.layer(), kindOf(conf, k.layer())));
                assigned.add(k.layer());
            } else {
                throw new IOException(source + ": Keras layer '" + k.layer() + "' has weights but Inception-ResNet-v2"
                        + " has no such layer (is this an Inception-ResNet-v2 weights file?)");
            }
        }
        pair(kerasConvs, convs, Kind.CONVOLUTION, "conv2d", source, plan);
        pair(kerasNorms, norms, Kind.BATCH_NORM, "batch_normalization", source, plan);
        for (String name : named) {
            if (!assigned.contains(name) && !name.equals(InceptionResNetV2.OUTPUT)) {
                throw new IOException(source + ": no Keras layer '" + name + "' (Inception-ResNet-v2 needs its weights)");
            }
        }
        for (Assignment a : plan) {
            KerasLayerCopy.check(conf, a.target(), a.keras(), a.kind(), source);
        }
        return plan;
    }

    private static Kind kindOf(ComputationGraphConfiguration conf, String name) {
        var layer = ((LayerVertex) conf.getVertices().get(name)).getLayerConf().getLayer();
        if (layer instanceof ConvolutionLayer) {
            return Kind.CONVOLUTION;
        }
        return layer instanceof BatchNormalization ? Kind.BATCH_NORM : Kind.DENSE;
    }

    /** Pairs the automatically named Keras layers, by number, with {@code targets} in creation order. */
    private static void pair(List<KerasLayerWeights> keras, List<String> targets, Kind kind, String prefix,
            String source, List<Assignment> plan) throws IOException {
        List<KerasLayerWeights> sorted = new ArrayList<>(keras);
        sorted.sort(Comparator.comparingInt(k -> number(k.layer())));
        for (int i = 1; i < sorted.size(); i++) {
            if (number(sorted.get(i).layer()) == number(sorted.get(i - 1).layer())) {
                throw new IOException(source + ": Keras layers '" + sorted.get(i - 1).layer() + "' and '"
                        + sorted.get(i).layer() + "' have the same number");
            }
        }
        if (sorted.size() != targets.size()) {
            String which = sorted.size() > targets.size()
                    ? "surplus Keras layer '" + sorted.get(targets.size()).layer() + "'"
                    : "no Keras layer for '" + targets.get(sorted.size()) + "'";
            throw new IOException(source + ": " + sorted.size() + " automatically named " + prefix
                    + " layers, but Inception-ResNet-v2 has " + targets.size() + " (" + which + ")");
        }
        for (int i = 0; i < sorted.size(); i++) {
            plan.add(new Assignment(sorted.get(i), targets.get(i), kind));
        }
    }

    /** The number of an automatic name: {@code conv2d} is 0, {@code conv2d_7} is 7. */
    private static int number(String name) {
        Matcher m = CONV.matcher(name);
        if (!m.matches()) {
            m = BATCH_NORM.matcher(name);
            m.matches();
        }
        return m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
    }
}
