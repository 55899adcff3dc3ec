package org.cbir.bench;

import java.io.File;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.cbir.nets.pretrained.InceptionResNetV2;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Inception-ResNet-v2 against real Keras: loads the weights that
 * {@code tools/keras_inception_parity.py} wrote with Keras (random, seeded), feeds
 * the same preprocessed images, and prints the largest absolute and relative differences of the
 * 1536-d {@code avg_pool} signatures (and of the 1000-class predictions when the file has them)
 * from Keras's own outputs.
 *
 * <p>Arguments: {@code dir [weights-file ...]}: {@code dir} holds {@code irv2_input.npy} (NHWC),
 * {@code irv2_avg_pool.npy}, {@code irv2_predictions.npy}; each weights file (default
 * {@code irv2_weights.h5}, relative to {@code dir}) is checked in turn.
 */
public final class KerasParity {
    private KerasParity() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        INDArray nhwc = Nd4j.createFromNpyFile(dir.resolve("irv2_input.npy").toFile());
        INDArray input = nhwc.permute(0, 3, 1, 2).dup('c');
        INDArray kerasPool = Nd4j.createFromNpyFile(dir.resolve("irv2_avg_pool.npy").toFile());
        INDArray kerasPred = Nd4j.createFromNpyFile(dir.resolve("irv2_predictions.npy").toFile());
        String[] files = args.length > 1 ? java.util.Arrays.copyOfRange(args, 1, args.length)
                : new String[] {"irv2_weights.h5"};
        System.out.println("| weights file | images | avg_pool max abs diff | avg_pool max rel diff"
                + " | predictions max abs diff | predictions max rel diff | load s | forward s |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
        for (String name : files) {
            File file = dir.resolve(name).toFile();
            long t0 = System.nanoTime();
            ComputationGraph graph = InceptionResNetV2.of(1000, (int) input.size(2), (int) input.size(3), 0).init();
            boolean top = InceptionResNetV2.loadKerasWeights(graph, file.toPath());
            long t1 = System.nanoTime();
            Map<String, INDArray> out = graph.feedForward(input, false);
            long t2 = System.nanoTime();
            INDArray pool = out.get(InceptionResNetV2.SIGNATURE_LAYER);
            String predictions = "n/a (no top) | n/a";
            if (top) {
                INDArray pred = out.get(InceptionResNetV2.OUTPUT);
                predictions = diff(pred, kerasPred);
            }
            System.out.printf(Locale.ROOT, "| %s | %d | %s | %s | %.1f | %.1f |%n", name, input.size(0),
                    diff(pool, kerasPool), predictions, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
        }
    }

    /** Max |a - b| and max |a - b| / max|b| (relative to the largest reference value), as table cells. */
    private static String diff(INDArray ours, INDArray keras) {
        INDArray a = ours.castTo(keras.dataType()).reshape(keras.shape());
        double abs = Transforms.abs(a.sub(keras)).maxNumber().doubleValue();
        double scale = Transforms.abs(keras).maxNumber().doubleValue();
        return String.format(Locale.ROOT, "%.3g | %.3g", abs, abs / scale);
    }
}
