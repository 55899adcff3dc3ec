package org.cbir.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cbir.cli.ComponentChoices;
import org.cbir.cli.ConsoleProgress;
import org.cbir.core.ComponentSpec;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.IndexingReport;
import org.cbir.core.ProgressListener;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.collection.ImageCollection;
import org.cbir.nets.cnn.CnnExtractor;
import org.cbir.nets.cnn.CnnOptions;
import org.cbir.nets.cnn.CnnTrainingReport;
import org.cbir.nets.cnn.CompactCnn;
import org.cbir.nets.lenet.LeNet;
import org.cbir.nets.lenet.LeNetArchitecture;
import org.cbir.nets.lenet.LeNetExtractor;
import org.cbir.nets.lenet.LeNetOptions;
import org.cbir.nets.pretrained.BaseNetwork;
import org.cbir.nets.pretrained.FineTunedExtractor;
import org.cbir.nets.pretrained.FineTuning;
import org.cbir.nets.pretrained.InceptionResNetV2;
import org.cbir.nets.pretrained.InceptionResNetV2Extractor;
import org.cbir.nets.pretrained.PretrainedExtractor;
import org.cbir.nets.pretrained.PretrainedModel;
import org.cbir.nets.pretrained.PretrainedWeights;
import org.cbir.nets.train.Augmentation;
import org.cbir.nets.train.TrainingHistory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Builds a CNN signature for a collection and saves the indexed store: a LeNet trained on a
 * stratified share of the collection, a zoo network or Inception-ResNet-v2 with its ImageNet
 * weights read from a local file (no training, nothing downloaded), or, with {@code --fine-tune},
 * any of them (the LeNet of an existing store, {@code --base}) fine-tuned on the share
 * ({@link FineTunedExtractor}).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a CNN signature on a collection (folder or CSV), index it and save the store for"
                + " `cbir query`.",
            "lenet: a LeNet is trained on a seeded, stratified --split share of each class and the rest is indexed"
                + " (all of it with --index-all). The zoo networks and inception-resnet-v2 read their ImageNet"
                + " weights from --weights and index the whole collection without training.",
            "--fine-tune: the zoo network or inception-resnet-v2 (--weights) or, with --net lenet, the LeNet of the store --base is"
                + " fine-tuned on the --split share (SGD, learning rate 0.008, decay 0.0004; a new classifier for the"
                + " collection's classes, layers up to --freeze-up-to fixed) and the rest is indexed."})
final class TrainCommand implements Callable<Integer> {
    private static final String LENET = "lenet";
    private static final String IRV2 = InceptionResNetV2Extractor.TYPE;

    @Parameters(index = "0", paramLabel = "COLLECTION", description = "Folder of images (label = sub-folder) or CSV of path,label.")
    Path collection;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "STORE", description = "The store directory to write.")
    Path store;

    @Option(names = "--net", defaultValue = LENET, paramLabel = "NET",
            description = "lenet, resnet50, vgg16, vgg19, xception, squeezenet, nasnet, darknet19,"
                    + " inception-resnet-v2 (the paper's deep network, Keras weights), or a compact CNN trained from"
                    + " scratch on the --split share: cnn[:SIDE[:AUGMENTATION]] (on the labels) or"
                    + " ssl[:SIDE[:AUGMENTATION]] (self-supervised, no label used) (default: ${DEFAULT-VALUE}).")
    String net;

    @Option(names = "--weights", paramLabel = "PATH",
            description = "Zoo networks: the weights file, or a folder laid out like the zoo cache"
                    + " (default: the zoo cache, ~/.deeplearning4j/models/). inception-resnet-v2: the Keras"
                    + " applications weights file (.h5, with or without the classifier), or a folder holding "
                    + InceptionResNetV2Extractor.KERAS_WEIGHTS_FILE + " (default: Keras's cache, ~/.keras/models/).")
    Path weights;

    @Option(names = "--fine-tune", description = "Fine-tune the network on the --split share of each class, then"
            + " index: a zoo network from --weights, or with --net lenet the trained LeNet of --base STORE.")
    boolean fineTune;

    @Option(names = "--freeze-up-to", paramLabel = "LAYER", description = "--fine-tune: the last layer that keeps its"
            + " weights (default: all but the network's last stage, e.g. res4f_branch for resnet50, pool5 for"
            + " squeezenet, block17_20_ac for inception-resnet-v2, pool_2 for lenet (LeNet-5); the input's name"
            + " freezes nothing).")
    String freezeUpTo;

    @Option(names = "--base", paramLabel = "STORE", description = "--net lenet --fine-tune: a store saved by"
            + " `cbir train --net lenet`, whose LeNet is fine-tuned.")
    Path base;

    @Option(names = "--augment", arity = "0..1", fallbackValue = "7/14/20+rot", paramLabel = "SPEC",
            description = "lenet and --fine-tune: train on augmented images. Alone, the paper's augmentation (shifts of"
                    + " 7, 14 and 20 px in four directions and quarter-turn rotations, 52 variants per image); or SPEC:"
                    + " shifts in px separated by '/', '+rot' for the rotations, e.g. 8/16/24+rot, or rot for rotations"
                    + " only (for patterns whose label depends on what is at the centre, such as the fibres). Without"
                    + " it each image is used as it is.")
    String augment;

    @Option(names = "--epochs", paramLabel = "N", description = "lenet and --fine-tune: the most training epochs"
            + " (default: 30 for lenet, 10 for --fine-tune).")
    Integer epochs;

    @Option(names = "--input-size", paramLabel = "N", description = "lenet: the network's"
            + " input is N x N pixels (default: 32). inception-resnet-v2, also with --fine-tune: N x N, at least "
            + InceptionResNetV2.MIN_SIZE + " (default: 299, as its weights were trained; smaller is much faster on a"
            + " CPU).")
    Integer inputSize;

    @Option(names = "--architecture", paramLabel = "NAME",
            description = "lenet: lenet5 (LeNet-5, the default) or pycbir (pyCBIR's wider network, 30 times costlier).")
    String architecture;

    @Option(names = "--learning-rate", paramLabel = "RATE",
            description = "lenet: initial SGD learning rate (default: 0.01 with momentum 0.9; the paper's plain SGD used 0.1).")
    Double learningRate;

    @Option(names = "--momentum", paramLabel = "M",
            description = "lenet: Nesterov momentum in [0, 1) (default: 0.9; 0 for the paper's plain SGD).")
    Double momentum;

    @Option(names = "--split", defaultValue = "0.1", paramLabel = "SHARE",
            description = "lenet and --fine-tune: share of each class the network trains on (default: ${DEFAULT-VALUE}).")
    double split;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the split and the training (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--index-all", description = "lenet and --fine-tune: index the whole collection, training images included.")
    boolean indexAll;

    @Option(names = {"-m", "--metric"}, defaultValue = "cosine",
            description = "Distance: cosine, euclidean, city-block, ... as in `cbir search` (default: ${DEFAULT-VALUE}).")
    String metric;

    @Option(names = {"-i", "--index"}, defaultValue = "exact", completionCandidates = ComponentChoices.IndexChoices.class,
            description = "Index: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String index;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        ProgressListener console = ConsoleProgress.onStandardError(spec.commandLine().getErr());
        if (ComponentChoices.isCnn(net)) {
            return trainCnn(out, console);
        }
        boolean lenet = net.equals(LENET);
        boolean irv2 = net.equals(IRV2);
        if (!lenet && !irv2 && Arrays.stream(PretrainedModel.values()).noneMatch(m -> ComponentSpec.enumName(m).equals(net))) {
            throw new IllegalArgumentException("unknown --net '" + net + "'; choose lenet, " + IRV2 + " or one of "
                    + Arrays.stream(PretrainedModel.values()).map(ComponentSpec::enumName).toList());
        }
        validateOptions(lenet);
        ImageCollection images = ImageCollection.read(collection);
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images in " + collection);
        }
        RetrievalPipeline.Builder builder = RetrievalPipeline.builder()
                .similarity(ComponentChoices.metric(metric))
                .index(ComponentChoices.index(index));
        ImageCollection indexed = images;
        if (fineTune) {
            FineTuning untuned = fineTuning(lenet ? lenetBase()
                    : irv2 ? BaseNetwork.of(inceptionResNetV2()) : BaseNetwork.of(pretrained()));
            ImageCollection.Split parts = images.split(split, seed);
            RetrievalPipeline pipeline = builder.extractor(untuned).build();
            long start = System.nanoTime();
            pipeline.fit(parts.train(), console);
            long millis = (System.nanoTime() - start) / 1_000_000;
            FineTunedExtractor tuned = (FineTunedExtractor) pipeline.extractor();
            out.printf(Locale.ROOT, "fine-tuned %s (frozen up to %s, signature %s) on %d images of %d classes in %.1f s,"
                    + " %d epochs%nloss per epoch:", tuned.baseName(), tuned.options().frozenUpTo(),
                    tuned.options().signatureLayer(), parts.train().size(), tuned.classes().size(), millis / 1000.0,
                    tuned.epochLosses().size());
            tuned.epochLosses().forEach(loss -> out.printf(Locale.ROOT, " %.4f", loss));
            out.println();
            return indexAndSave(pipeline, indexAll ? images : parts.test(), console, out);
        }
        if (lenet) {
            ImageCollection.Split parts = images.split(split, seed);
            RetrievalPipeline pipeline = builder.extractor(leNet()).build();
            pipeline.fit(parts.train(), console);
            TrainingHistory history = ((LeNetExtractor) pipeline.extractor()).trainingHistory().orElseThrow();
            out.printf(Locale.ROOT, "trained lenet on %d images of %d classes in %.1f s, %d epochs, final loss %.4f%n",
                    parts.train().size(), parts.train().labels().size(), history.duration().toMillis() / 1000.0,
                    history.epochs(), history.finalLoss());
            indexed = indexAll ? images : parts.test();
            return indexAndSave(pipeline, indexed, console, out);
        }
        RetrievalPipeline pipeline = builder.extractor(irv2 ? inceptionResNetV2() : pretrained()).build();
        return indexAndSave(pipeline, indexed, console, out);
    }

    /** {@code --net cnn[...]} or {@code ssl[...]}: train on the split share (labels unused by ssl), index the rest. */
    private int trainCnn(PrintWriter out, ProgressListener console) throws IOException {
        String other = fineTune ? "--fine-tune" : weights != null ? "--weights" : base != null ? "--base"
                : freezeUpTo != null ? "--freeze-up-to" : augment != null ? "--augment"
                : inputSize != null ? "--input-size" : lenetTrainingOption();
        if (other != null) {
            throw new IllegalArgumentException(other + " does not apply to --net " + net
                    + "; its input side and augmentation are part of the choice, e.g. cnn:64:flip+turn+crop0.8");
        }
        requireSplit();
        CnnOptions.Builder cnn = ComponentChoices.cnn(net).seed(seed);
        if (epochs != null) {
            cnn.maxEpochs(epochs);
        }
        ImageCollection images = ImageCollection.read(collection);
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images in " + collection);
        }
        ImageCollection.Split parts = images.split(split, seed);
        RetrievalPipeline pipeline = RetrievalPipeline.builder().similarity(ComponentChoices.metric(metric))
                .index(ComponentChoices.index(index)).extractor(CompactCnn.of(cnn.build())).build();
        pipeline.fit(parts.train(), console);
        CnnExtractor trained = (CnnExtractor) pipeline.extractor();
        CnnTrainingReport report = trained.trainingReport().orElseThrow();
        out.printf(Locale.ROOT, "trained %s on %d images (input %s, augmentation %s) in %.1f s, %d epochs, kept epoch %d%n",
                trained.spec().type(), parts.train().size(), trained.inputShape(),
                trained.options().augmentation(), report.duration().toMillis() / 1000.0, report.epochs(),
                report.bestEpoch());
        out.print("loss per epoch:");
        report.losses().forEach(loss -> out.printf(Locale.ROOT, " %.4f", loss));
        out.println();
        if (!report.validationMaps().isEmpty()) {
            out.print("validation MAP per epoch:");
            report.validationMaps().forEach(map -> out.printf(Locale.ROOT, " %.4f", map));
            out.println();
        }
        return indexAndSave(pipeline, indexAll ? images : parts.test(), console, out);
    }

    private int indexAndSave(RetrievalPipeline pipeline, ImageCollection indexed, ProgressListener progress,
            PrintWriter out) throws IOException {
        IndexingReport report = pipeline.addAll(indexed, progress);
        report.skipped().forEach(s -> out.printf("skipped %s: %s%n", s.path(), s.reason()));
        pipeline.save(store);
        out.printf("indexed %d images (%d skipped) in %d ms with %s%nsaved to %s%n", report.added(),
                report.skippedCount(), report.elapsed().toMillis(), pipeline.describe(), store);
        out.flush();
        return 0;
    }

    private FeatureExtractor leNet() {
        LeNetOptions.Builder lenet = LeNetOptions.builder()
                .seed(seed)
                .augmentation(augmentation());
        if (epochs != null) {
            lenet.maxEpochs(epochs);
        }
        if (inputSize != null) {
            lenet.inputSize(inputSize, inputSize);
        }
        if (architecture != null) {
            lenet.architecture(ComponentSpec.enumConstant(LeNetArchitecture.class, architecture.strip().toLowerCase(Locale.ROOT)));
        }
        if (learningRate != null) {
            lenet.learningRate(learningRate);
        }
        if (momentum != null) {
            lenet.momentum(momentum);
        }
        return LeNet.of(lenet.build());
    }

    private PretrainedExtractor pretrained() throws IOException {
        PretrainedModel model = ComponentSpec.enumConstant(PretrainedModel.class, net);
        PretrainedWeights source = weights == null ? PretrainedWeights.zooCache()
                : Files.isDirectory(weights) ? PretrainedWeights.cacheFolder(weights) : PretrainedWeights.file(weights);
        return PretrainedExtractor.builder().model(model).weights(source).download(false).build();
    }

    /** Inception-ResNet-v2 with the Keras weights of {@code --weights} (a file, or a folder holding Keras's file). */
    private InceptionResNetV2Extractor inceptionResNetV2() throws IOException {
        Path h5 = weights == null ? InceptionResNetV2Extractor.kerasCacheFile()
                : Files.isDirectory(weights) ? weights.resolve(InceptionResNetV2Extractor.KERAS_WEIGHTS_FILE) : weights;
        InceptionResNetV2Extractor.Builder builder = InceptionResNetV2Extractor.builder().weights(h5);
        if (inputSize != null) {
            builder.inputSize(inputSize);
        }
        return builder.build();
    }

    private FineTuning fineTuning(BaseNetwork network) {
        FineTuning.Builder tuning = FineTuning.builder(network)
                .seed(seed)
                .augmentation(augmentation());
        if (epochs != null) {
            tuning.maxEpochs(epochs);
        }
        if (freezeUpTo != null) {
            tuning.frozenUpTo(freezeUpTo);
        }
        return tuning.build();
    }

    /** The trained LeNet of the store {@code --base}. */
    private BaseNetwork lenetBase() throws IOException {
        FeatureExtractor stored = RetrievalPipeline.load(base).extractor();
        if (!(stored instanceof LeNetExtractor lenet)) {
            throw new IllegalArgumentException("--base " + base + " holds no trained LeNet (its extractor is "
                    + stored.spec().type() + "); make one with `cbir train COLLECTION --net lenet -o STORE`");
        }
        return BaseNetwork.of(lenet);
    }

    private void validateOptions(boolean lenet) {
        if (!fineTune) {
            String fineTuneOnly = freezeUpTo != null ? "--freeze-up-to" : base != null ? "--base" : null;
            if (fineTuneOnly != null) {
                throw new IllegalArgumentException(fineTuneOnly + " applies to --fine-tune only");
            }
            if (lenet) {
                validateLeNetOptions();
            } else {
                rejectLeNetOptions();
            }
            return;
        }
        requireSplit();
        if (inputSize != null && !net.equals(IRV2)) {
            throw new IllegalArgumentException("--input-size does not apply to --fine-tune: the network keeps the input"
                    + " size of its base (" + IRV2 + " aside)");
        }
        if (lenetTrainingOption() != null) {
            throw new IllegalArgumentException(lenetTrainingOption() + " applies to training a LeNet from scratch;"
                    + " --fine-tune uses the paper's rate 0.008 and decay 0.0004");
        }
        if (lenet && base == null) {
            throw new IllegalArgumentException("--net lenet --fine-tune needs --base STORE, a store saved by"
                    + " `cbir train --net lenet`");
        }
        if (lenet && weights != null) {
            throw new IllegalArgumentException("--weights is for the zoo networks; --net lenet --fine-tune starts from"
                    + " the LeNet of --base");
        }
        if (!lenet && base != null) {
            throw new IllegalArgumentException("--base applies to --net lenet; " + net + " starts from --weights");
        }
    }

    /** The first LeNet-only training option given, or null. */
    private String lenetTrainingOption() {
        return architecture != null ? "--architecture" : learningRate != null ? "--learning-rate"
                : momentum != null ? "--momentum" : null;
    }

    private void requireSplit() {
        if (!(split > 0 && split < 1)) {
            throw new IllegalArgumentException("--split must be above 0 and below 1, got " + split);
        }
    }

    private void validateLeNetOptions() {
        requireSplit();
        if (weights != null) {
            throw new IllegalArgumentException("--weights is for the zoo networks; lenet trains from scratch");
        }
    }

    private Augmentation augmentation() {
        if (augment == null) {
            return Augmentation.none();
        }
        try {
            return Augmentation.parse(augment);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--augment: " + e.getMessage() + " (a bare --augment takes the"
                    + " word after it as its SPEC when that is not an option: put the collection first)", e);
        }
    }

    private void rejectLeNetOptions() {
        if (inputSize != null && !net.equals(IRV2)) {
            throw new IllegalArgumentException("--input-size applies to --net lenet and " + IRV2 + " only; " + net
                    + " reads the input size its ImageNet weights were trained at");
        }
        String lenetOnly = augment != null ? "--augment" : epochs != null ? "--epochs"
                : indexAll ? "--index-all" : lenetTrainingOption();
        if (lenetOnly != null) {
            throw new IllegalArgumentException(lenetOnly + " applies to --net lenet only, or to --fine-tune; " + net
                    + " without --fine-tune is used with its ImageNet weights as they are");
        }
    }
}
