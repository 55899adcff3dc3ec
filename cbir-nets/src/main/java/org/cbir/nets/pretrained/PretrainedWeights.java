package org.cbir.nets.pretrained;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import org.cbir.core.ComponentSpec;
import org.cbir.core.io.CorruptFileException;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.deeplearning4j.zoo.PretrainedType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a {@link PretrainedExtractor} finds its ImageNet weights: a file as the Deeplearning4j
 * zoo stores it (its {@code ModelSerializer} zip, e.g. {@code resnet50_dl4j_inference.v3.zip}),
 * either in the zoo's own cache ({@code ~/.deeplearning4j/models/<model>/<file>}), in a cache
 * folder of the same layout that the user configures (for machines without internet: copy the
 * zoo cache there), or at an explicit path. Immutable and thread-safe.
 *
 * @param kind which of the three
 * @param path the cache folder or file; {@code null} for {@link Kind#ZOO_CACHE}
 */
public record PretrainedWeights(Kind kind, Path path) {
    private static final Logger LOG = LoggerFactory.getLogger(PretrainedWeights.class);

    /** The three sources. */
    public enum Kind {
        /** Deeplearning4j's zoo cache, {@link PretrainedModel#defaultCacheFolder()}. */
        ZOO_CACHE,
        /** A folder laid out like the zoo cache: {@code folder/<zoo name>/<file name>}. */
        CACHE_FOLDER,
        /** One weights file. */
        FILE
    }

    /** @throws IllegalArgumentException if the path is missing for a folder or file, or given for the zoo cache */
    public PretrainedWeights {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.ZOO_CACHE) != (path == null)) {
            throw new IllegalArgumentException(kind == Kind.ZOO_CACHE ? "the zoo cache takes no path"
                    : "a " + kind + " weights source needs a path");
        }
    }

    /** The zoo's own cache (the default). */
    public static PretrainedWeights zooCache() {
        return new PretrainedWeights(Kind.ZOO_CACHE, null);
    }

    /** A cache folder laid out like the zoo's. */
    public static PretrainedWeights cacheFolder(Path folder) {
        return new PretrainedWeights(Kind.CACHE_FOLDER, Objects.requireNonNull(folder, "folder"));
    }

    /** One weights file (a Deeplearning4j {@code ModelSerializer} zip of a {@link ComputationGraph}). */
    public static PretrainedWeights file(Path file) {
        return new PretrainedWeights(Kind.FILE, Objects.requireNonNull(file, "file"));
    }

    /** The file this source gives for {@code model}. */
    public Path fileFor(PretrainedModel model) {
        return switch (kind) {
            case ZOO_CACHE -> model.weightsFileIn(PretrainedModel.defaultCacheFolder());
            case CACHE_FOLDER -> model.weightsFileIn(path);
            case FILE -> path;
        };
    }

    /** The spec value: {@code zoo-cache}, {@code cache:<folder>} or {@code file:<path>}. */
    public String toSpecValue() {
        return switch (kind) {
            case ZOO_CACHE -> "zoo-cache";
            case CACHE_FOLDER -> "cache:" + path;
            case FILE -> "file:" + path;
        };
    }

    /** @throws IllegalArgumentException if {@code value} is not one of {@link #toSpecValue()}'s forms */
    public static PretrainedWeights parse(String value) {
        if (value.equals("zoo-cache")) {
            return zooCache();
        }
        if (value.startsWith("cache:") && value.length() > 6) {
            return cacheFolder(Path.of(value.substring(6)));
        }
        if (value.startsWith("file:") && value.length() > 5) {
            return file(Path.of(value.substring(5)));
        }
        throw new IllegalArgumentException("weights must be zoo-cache, cache:<folder> or file:<path>, got '"
                + value + "'");
    }

    /**
     * Loads {@code model}'s weights. When the file is missing and {@code download} is set and this
     * is the zoo cache, the zoo's {@code initPretrained} downloads it (checking its checksum);
     * otherwise nothing is downloaded.
     *
     * @throws NoSuchFileException naming the expected path and file name and the URL it comes from
     * @throws CorruptFileException if the file is not a Deeplearning4j computation graph
     */
    public ComputationGraph load(PretrainedModel model, boolean download) throws IOException {
        Path file = fileFor(model);
        if (!Files.isRegularFile(file)) {
            if (download && kind == Kind.ZOO_CACHE) {
                LOG.info("downloading the ImageNet weights of {} from {}", ComponentSpec.enumName(model), model.pretrainedUrl());
                return (ComputationGraph) model.zooModel().initPretrained(PretrainedType.IMAGENET);
            }
            throw missing(model, file);
        }
        try {
            return ModelSerializer.restoreComputationGraph(file.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new CorruptFileException(file, "it is not a Deeplearning4j computation graph (" + e + ")");
        }
    }

    private NoSuchFileException missing(PretrainedModel model, Path file) {
        String where = switch (kind) {
            case FILE -> "put the file at " + file;
            case ZOO_CACHE, CACHE_FOLDER -> "put the file " + model.weightsFileName() + " at " + file;
        };
        return new NoSuchFileException(file.toString(), null, "no ImageNet weights for " + ComponentSpec.enumName(model)
                + ": " + where + " (expected file name " + model.weightsFileName() + "); download it from "
                + model.pretrainedUrl() + " on a machine with internet, or let the Deeplearning4j zoo fetch it"
                + " there (" + model.zooModel().getClass().getSimpleName() + ".initPretrained() caches it in "
                + model.weightsFileIn(PretrainedModel.defaultCacheFolder()) + ") and copy it here");
    }
}
