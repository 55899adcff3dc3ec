package org.cbir.core.internal.math;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the kernels once per JVM, on first use (the holder idiom: the choice is made when
 * {@link #kernels()} first runs, not when the class is loaded), after Lucene's and JVector's
 * {@code VectorizationProvider}: one vector width for every kernel, the {@link VectorKernels} of
 * {@link FloatKernels} and the {@link TileKernels} of {@link RowTiles} together, because a JVM
 * whose hot loops mix two vector shapes loses C2's Vector API intrinsics in the methods they share
 * (BENCHMARKS.md, "One vector shape per JVM").
 *
 * <p>The Vector API kernels are used when the incubating module {@code jdk.incubator.vector}
 * is in the boot layer (the JVM was started with {@code --add-modules jdk.incubator.vector})
 * and the CPU has vectors of at least 256 bits; otherwise the scalar kernels are used and one
 * warning is logged that says which flag to pass. The Panama classes are loaded reflectively
 * and only after that check, so the library runs on a JVM without the flag. Widths:
 * 256 bits ({@link PanamaVectorKernels}, {@link PanamaTileKernels}) or, on a CPU whose preferred
 * vectors have 512 bits (AVX-512), 512 ({@link Panama512VectorKernels},
 * {@link Panama512TileKernels}).
 *
 * <p>The system property {@value #PROPERTY} overrides the choice: {@code scalar} forces the
 * scalar kernels (for comparisons), {@code 256} (or {@code panama-256}) and {@code 512}
 * (or {@code panama-512}) a width, {@code panama} the CPU's preferred width; each falls back,
 * with a warning, to a narrower width and then to the scalar kernels when unavailable.
 * {@code auto} (the default) takes {@link #defaultBits(int, int)}.
 */
final class VectorizationProvider {
    /** The system property that overrides the choice: {@code auto}, {@code scalar}, {@code panama}, {@code 256} or {@code 512}. */
    static final String PROPERTY = "cbir.vectorization";
    static final String MODULE = "jdk.incubator.vector";

    private static final Logger LOG = LoggerFactory.getLogger(VectorizationProvider.class);

    private VectorizationProvider() {
    }

    /** The vector kernels chosen for this JVM. */
    static VectorKernels kernels() {
        return Holder.CHOICE.kernels().vectors();
    }

    /** The tile kernels of {@link RowTiles} for this JVM: of the same width as {@link #kernels()}. */
    static TileKernels tileKernels() {
        return Holder.CHOICE.kernels().tiles();
    }

    /** The scalar kernels. */
    static Kernels scalar() {
        return new Kernels(new ScalarVectorKernels(), new ScalarTileKernels());
    }

    /**
     * The Vector API kernels of {@code bits} (256 or 512) when the module is readable and the CPU
     * has vectors that wide, else empty.
     */
    static Optional<Kernels> panama(int bits) {
        Optional<Module> module = ModuleLayer.boot().findModule(MODULE);
        if (module.isEmpty() || !VectorizationProvider.class.getModule().canRead(module.get())
                || bits != 256 && bits != 512) {
            return Optional.empty();
        }
        String prefix = "org.cbir.core.internal.math.Panama" + (bits == 512 ? "512" : "");
        try {
            VectorKernels vectors = (VectorKernels) Class.forName(prefix + "VectorKernels")
                    .getDeclaredConstructor().newInstance();
            TileKernels tiles = (TileKernels) Class.forName(prefix + "TileKernels").getDeclaredConstructor().newInstance();
            return Optional.of(new Kernels(vectors, tiles));
        } catch (ReflectiveOperationException | LinkageError | UnsupportedOperationException e) {
            LOG.debug("{}-bit Vector API kernels unavailable", bits, e);
            return Optional.empty();
        }
    }

    /**
     * The CPU's preferred vector width in bits as the Vector API reports it, or 0 without the
     * module (read reflectively, so that this class loads without it).
     */
    static int preferredBits() {
        Optional<Module> module = ModuleLayer.boot().findModule(MODULE);
        if (module.isEmpty() || !VectorizationProvider.class.getModule().canRead(module.get())) {
            return 0;
        }
        try {
            Class<?> species = Class.forName("jdk.incubator.vector.VectorSpecies");
            Object preferred = Class.forName("jdk.incubator.vector.FloatVector").getField("SPECIES_PREFERRED").get(null);
            return (Integer) species.getMethod("vectorBitSize").invoke(preferred);
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.debug("Vector API unavailable", e);
            return 0;
        }
    }

    /**
     * The width {@code auto} takes, given the CPU's preferred width and the JDK's feature release:
     * 256 bits wherever the CPU has them, 512 only where measured faster (BENCHMARKS.md, "Issue
     * 20: one vector width"); 0 (scalar) below 256.
     */
    static int defaultBits(int preferredBits, int javaFeature) {
        return preferredBits >= 256 ? 256 : 0;
    }

    /**
     * The kernels for the property value {@code requested} (null means {@code auto}), given the
     * CPU's preferred width, the JDK's feature release and what {@code panama} finds for a width,
     * and the warnings to log; separate from the singleton (and from logging) so that tests can
     * check every branch quietly.
     */
    static Choice choose(String requested, int preferredBits, int javaFeature, IntFunction<Optional<Kernels>> panama) {
        String value = requested == null ? "auto" : requested.trim().toLowerCase(Locale.ROOT);
        List<String> warnings = new ArrayList<>();
        int bits;
        switch (value) {
            case "scalar" -> {
                return new Choice(scalar(), warnings);
            }
            case "256", "panama-256" -> bits = 256;
            case "512", "panama-512" -> bits = 512;
            case "panama" -> bits = preferredBits >= 512 ? 512 : 256;
            case "auto" -> bits = defaultBits(preferredBits, javaFeature);
            default -> {
                warnings.add("ignoring " + PROPERTY + "=" + requested + ": expected auto, scalar, panama, 256 or 512");
                bits = defaultBits(preferredBits, javaFeature);
            }
        }
        if (bits == 0) {
            bits = 256; // no default width: try the narrowest, for the warning below
        }
        for (int width = bits; width >= 256; width /= 2) {
            Optional<Kernels> found = panama.apply(width);
            if (found.isPresent()) {
                if (width < bits) {
                    warnings.add(PROPERTY + " asked for " + bits + "-bit vectors, which this CPU or JVM lacks: using "
                            + width + "-bit vectors");
                }
                return new Choice(found.get(), warnings);
            }
        }
        warnings.add(preferredBits == 0
                ? "the Java Vector API is not available, so vector search uses scalar kernels (several times "
                        + "slower): start the JVM with --add-modules " + MODULE + " to enable it"
                : "the CPU's vectors have " + preferredBits + " bits, fewer than the 256 the Vector API kernels need,"
                        + " so vector search uses scalar kernels");
        return new Choice(scalar(), warnings);
    }

    /** Chooses for this JVM and logs the warnings, once. */
    private static Choice chooseAndLog() {
        Choice choice = choose(System.getProperty(PROPERTY), preferredBits(), Runtime.version().feature(),
                VectorizationProvider::panama);
        choice.warnings().forEach(LOG::warn);
        LOG.debug("vector kernels: {}", choice.kernels().vectors().name());
        return choice;
    }

    /** The vector and tile kernels of one width. */
    record Kernels(VectorKernels vectors, TileKernels tiles) {
        Kernels {
            if (!vectors.name().equals(tiles.name())) {
                throw new IllegalArgumentException("kernels of two widths: " + vectors.name() + " and " + tiles.name());
            }
        }
    }

    /** The kernels chosen and the warnings that explain a fallback. */
    record Choice(Kernels kernels, List<String> warnings) {
    }

    /** Initialised on first access to {@link #kernels()}: the lazy, thread-safe singleton. */
    private static final class Holder {
        static final Choice CHOICE = chooseAndLog();
    }
}
