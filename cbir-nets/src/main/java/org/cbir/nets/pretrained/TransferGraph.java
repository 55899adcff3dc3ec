package org.cbir.nets.pretrained;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.InverseSchedule;

/**
 * The graph surgery of fine-tuning, with Deeplearning4j's {@link TransferLearning.GraphBuilder}:
 * every vertex after the signature layer (the old classifier and whatever lies between) is
 * removed; a new softmax {@link OutputLayer} ({@value #OUTPUT}, cross-entropy, Xavier weights)
 * for the user's classes reads the signature layer, through a global average pooling
 * ({@value #POOL}) when that layer has a spatial extent, so that the classifier sees exactly the
 * signature; the frozen-up-to layer and all its ancestors become frozen layers (parameters
 * constant, always run in inference mode, so batch-normalisation statistics do not move either);
 * every other layer trains with SGD and the inverse-time schedule of the {@link FineTuneOptions}.
 * The base graph is not changed (its parameters are copied). A static utility.
 */
final class TransferGraph {
    /** The new classifier's name. */
    static final String OUTPUT = "fine_tuned_output";
    /** The global pooling that feeds a spatial signature layer to the classifier. */
    static final String POOL = "fine_tuned_pool";

    private TransferGraph() {
    }

    /**
     * Checks that the layers name vertices of the graph {@code conf} describes that fine-tuning can use.
     *
     * @throws IllegalArgumentException naming the layer and the problem
     */
    static void validate(ComputationGraphConfiguration conf, String baseName, String signatureLayer, String frozenUpTo) {
        List<String> inputs = conf.getNetworkInputs();
        if (!conf.getVertices().containsKey(signatureLayer) || inputs.contains(signatureLayer)) {
            throw new IllegalArgumentException("the " + baseName + " network has no layer '" + signatureLayer
                    + "' to take signatures from");
        }
        if (conf.getNetworkOutputs().contains(signatureLayer)) {
            throw new IllegalArgumentException("'" + signatureLayer + "' is the " + baseName
                    + " network's classifier; take the signature from a layer before it");
        }
        if (!conf.getVertices().containsKey(frozenUpTo) && !inputs.contains(frozenUpTo)) {
            throw new IllegalArgumentException("the " + baseName + " network has no layer '" + frozenUpTo
                    + "' to freeze up to");
        }
        if (!inputs.contains(frozenUpTo) && !ancestors(conf, signatureLayer).contains(frozenUpTo)) {
            throw new IllegalArgumentException("cannot freeze up to '" + frozenUpTo + "': it is not a layer before the"
                    + " signature layer '" + signatureLayer + "', so the signatures would not change");
        }
    }

    /** The new graph for {@code classes} classes; validate the layers first. */
    static ComputationGraph build(BaseNetwork base, FineTuneOptions options, int classes) {
        ComputationGraph graph = base.graph();
        ComputationGraphConfiguration conf = graph.getConfiguration();
        String layer = options.signatureLayer();
        NetworkInputFormat f = base.format();
        InputType signature = conf.getLayerActivationTypes(InputType.convolutional(f.height(), f.width(), f.channels()))
                .get(layer);
        FineTuneConfiguration fineTune = new FineTuneConfiguration.Builder()
                .updater(new Sgd(new InverseSchedule(options.decayPer(), options.learningRate(), options.decay(), 1.0)))
                .seed(options.seed())
                .build();
        TransferLearning.GraphBuilder builder = new TransferLearning.GraphBuilder(graph).fineTuneConfiguration(fineTune);
        if (!conf.getNetworkInputs().contains(options.frozenUpTo())) {
            builder.setFeatureExtractor(options.frozenUpTo());
        }
        for (String vertex : descendants(conf, layer)) {
            builder.removeVertexAndConnections(vertex);
        }
        String head = layer;
        long features;
        if (signature instanceof InputType.InputTypeConvolutional c) {
            builder.addLayer(POOL, new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), layer);
            head = POOL;
            features = c.getChannels();
        } else {
            features = signature.arrayElementsPerExample();
        }
        builder.addLayer(OUTPUT, new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(features).nOut(classes)
                .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER).build(), head);
        builder.setOutputs(OUTPUT);
        ComputationGraph tuned = builder.build();
        // The schedule counts from the start of fine-tuning, not from the base's own training.
        tuned.getConfiguration().setIterationCount(0);
        tuned.getConfiguration().setEpochCount(0);
        return tuned;
    }

    /** Every vertex that {@code vertex} depends on, transitively (network inputs included). */
    static Set<String> ancestors(ComputationGraphConfiguration conf, String vertex) {
        Map<String, List<String>> inputs = conf.getVertexInputs();
        Set<String> seen = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(inputs.getOrDefault(vertex, List.of()));
        while (!todo.isEmpty()) {
            String v = todo.pop();
            if (seen.add(v)) {
                todo.addAll(inputs.getOrDefault(v, List.of()));
            }
        }
        return seen;
    }

    /** Every vertex that depends on {@code vertex}, transitively. */
    static Set<String> descendants(ComputationGraphConfiguration conf, String vertex) {
        Set<String> found = new LinkedHashSet<>();
        boolean grew = true;
        while (grew) {
            grew = false;
            for (Map.Entry<String, List<String>> e : conf.getVertexInputs().entrySet()) {
                if (!found.contains(e.getKey()) && e.getValue().stream()
                        .anyMatch(in -> in.equals(vertex) || found.contains(in))) {
                    found.add(e.getKey());
                    grew = true;
                }
            }
        }
        return found;
    }
}
