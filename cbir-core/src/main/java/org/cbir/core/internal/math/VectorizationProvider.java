package org.cbir.core.internal.math;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the {@link VectorKernels} once per JVM, on first use (the holder idiom: the choice is
 * made when {@link #kernels()} first runs, not when the class is loaded), after Lucene's and
 * JVector's {@code VectorizationProvider}.
 *
 * <p>The Vector API kernels are used when the incubating module {@code jdk.incubator.vector}
 * is in the boot layer (the JVM was started with {@code --add-modules jdk.incubator.vector})
 * and the CPU has vectors of at least 128 bits; otherwise the scalar kernels are used and one
 * warning is logged that says which flag to pass. {@link PanamaVectorKernels} is loaded
 * reflectively and only after that check, so the library runs on a JVM without the flag.
 *
 * <p>The system property {@value #PROPERTY} overrides the choice: {@code scalar} forces the
 * scalar kernels (for comparisons), {@code panama} asks for the Vector API (with a warning and
 * the scalar kernels if it is unavailable), {@code auto} (the default) decides as above.
 */
final class VectorizationProvider {
    /** The system property that overrides the choice: {@code auto}, {@code scalar} or {@code panama}. */
    static final String PROPERTY = "cbir.vectorization";
    static final String MODULE = "jdk.incubator.vector";

    private static final Logger LOG = LoggerFactory.getLogger(VectorizationProvider.class);

    private VectorizationProvider() {
    }

    /** The kernels chosen for this JVM. */
    static VectorKernels kernels() {
        return Holder.KERNELS;
    }

    /**
     * The tile kernels of {@link RowTiles} for this JVM: the Vector API ones when {@link #kernels()}
     * chose the Vector API and the CPU has 256-bit vectors, the scalar ones otherwise.
     */
    static TileKernels tileKernels() {
        if (!(kernels() instanceof ScalarVectorKernels)) {
            Optional<TileKernels> tiles = panamaTiles();
            if (tiles.isPresent()) {
                return tiles.get();
            }
        }
        return new ScalarTileKernels();
    }

    /** The Vector API tile kernels when the module is readable and the CPU has 256-bit vectors, else empty. */
    static Optional<TileKernels> panamaTiles() {
        Optional<Module> module = ModuleLayer.boot().findModule(MODULE);
        if (module.isEmpty() || !VectorizationProvider.class.getModule().canRead(module.get())) {
            return Optional.empty();
        }
        try {
            Class<?> type = Class.forName("org.cbir.core.internal.math.PanamaTileKernels");
            return Optional.of((TileKernels) type.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError | UnsupportedOperationException e) {
            LOG.debug("Vector API tile kernels unavailable", e);
            return Optional.empty();
        }
    }

    /** The Vector API kernels when the module is readable and the CPU suits, else empty. */
    static Optional<VectorKernels> panama() {
        Optional<Module> module = ModuleLayer.boot().findModule(MODULE);
        if (module.isEmpty() || !VectorizationProvider.class.getModule().canRead(module.get())) {
            return Optional.empty();
        }
        try {
            Class<?> type = Class.forName("org.cbir.core.internal.math.PanamaVectorKernels");
            return Optional.of((VectorKernels) type.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | LinkageError | UnsupportedOperationException e) {
            LOG.debug("Vector API kernels unavailable", e);
            return Optional.empty();
        }
    }

    /**
     * The kernels for the property value {@code requested} (null means {@code auto}), given what
     * {@code panama} finds, and the warnings to log; separate from the singleton (and from
     * logging) so that tests can check every branch quietly.
     */
    static Choice choose(String requested, Supplier<Optional<VectorKernels>> panama) {
        String value = requested == null ? "auto" : requested.trim().toLowerCase(Locale.ROOT);
        if (value.equals("scalar")) {
            return new Choice(new ScalarVectorKernels(), List.of());
        }
        List<String> warnings = new ArrayList<>();
        if (!value.equals("auto") && !value.equals("panama")) {
            warnings.add("ignoring " + PROPERTY + "=" + requested + ": expected auto, scalar or panama");
        }
        Optional<VectorKernels> found = panama.get();
        if (found.isPresent()) {
            return new Choice(found.get(), warnings);
        }
        warnings.add("the Java Vector API is not available, so vector search uses scalar kernels (several times "
                + "slower): start the JVM with --add-modules " + MODULE + " to enable it");
        return new Choice(new ScalarVectorKernels(), warnings);
    }

    /** Chooses for this JVM and logs the warnings, once. */
    private static VectorKernels chooseAndLog() {
        Choice choice = choose(System.getProperty(PROPERTY), VectorizationProvider::panama);
        choice.warnings().forEach(LOG::warn);
        LOG.debug("vector kernels: {}", choice.kernels().name());
        return choice.kernels();
    }

    /** The kernels chosen and the warnings that explain a fallback. */
    record Choice(VectorKernels kernels, List<String> warnings) {
    }

    /** Initialised on first access to {@link #kernels()}: the lazy, thread-safe singleton. */
    private static final class Holder {
        static final VectorKernels KERNELS = chooseAndLog();
    }
}
