package org.cbir.nets.internal;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import org.deeplearning4j.config.DL4JClassLoading;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Switches on Deeplearning4j's CPU layer helpers ({@code MKLDNNConvHelper},
 * {@code MKLDNNBatchNormHelper}, {@code MKLDNNSubsamplingHelper}) for the networks built inside
 * {@link #during}. The helpers are Deeplearning4j's own code: instead of its Java-side
 * {@code im2col}, matrix products and element-wise batch normalisation, a layer's forward and
 * backward pass run as one libnd4j op each ({@code conv2d}/{@code conv2d_bp},
 * {@code batchnorm}/{@code batchnorm_bp}, {@code maxpool2d}/{@code maxpool2d_bp}), which use
 * oneDNN when the ND4J native build has it (the {@code -onednn} builds) and libnd4j's own
 * kernels otherwise. The network, its parameters, its configuration and what it learns are the
 * same to float rounding ({@code LayerHelpersTest}); the training step is about twice as fast on
 * a oneDNN build (BENCHMARKS.md).
 *
 * <p>Deeplearning4j 1.0.0-M2.1 ships them switched off (system property
 * {@code org.eclipse.deeplearning4j.helpers.disable}, default {@code true}), and even when that
 * property is {@code false} its check for oneDNN looks up a class the ND4J backend no longer has
 * ({@code org.nd4j.nativeblas.Nd4jCpu$Environment}, since moved), so every helper removes
 * itself. This class therefore does two things: once per process, it puts a class of that name
 * (two static methods: {@code getInstance()} returning {@code null} and {@code isUseMKLDNN()}
 * returning {@code true}) in front of Deeplearning4j's class loader ({@link
 * DL4JClassLoading#setDl4jClassloader}, delegating every other name to the loader it had); and
 * around each construction it sets the property to {@code false}, restoring it afterwards, so
 * networks built elsewhere in the process keep Deeplearning4j's defaults. It does nothing on
 * backends other than ND4J's CPU one, and nothing when system property {@value #PROPERTY} is
 * {@code false}. Thread-safe: constructions inside {@link #during} are serialised.
 */
public final class OneDnnHelpers {
    /** System property {@value}: {@code false} builds networks with Deeplearning4j's plain layers. */
    public static final String PROPERTY = "cbir.nets.cnn.layerHelpers";

    private static final Logger LOG = LoggerFactory.getLogger(OneDnnHelpers.class);
    private static final String DISABLE = "org.eclipse.deeplearning4j.helpers.disable";
    /** The class Deeplearning4j's {@code BaseMKLDNNHelper.mklDnnEnabled()} looks up. */
    static final String SWITCH = "org.nd4j.nativeblas.Nd4jCpu$Environment";
    private static final Object LOCK = new Object();
    private static Boolean installed;

    private OneDnnHelpers() {
    }

    /**
     * Whether networks built in {@link #during} get the helpers: the property allows it, the
     * backend is the CPU one, and the switch class is (or could be put) in place.
     */
    public static boolean enabled() {
        if ("false".equalsIgnoreCase(System.getProperty(PROPERTY))) {
            return false;
        }
        synchronized (LOCK) {
            if (installed == null) {
                installed = install();
            }
            return installed;
        }
    }

    /**
     * Runs {@code construction} (e.g. {@code network.init()}) with the helpers switched on when
     * {@link #enabled}, else as it is.
     *
     * @param <T> what the construction returns
     * @param construction builds the layers of a network
     * @return what {@code construction} returned
     */
    public static <T> T during(Supplier<T> construction) {
        if (!enabled()) {
            return construction.get();
        }
        synchronized (LOCK) {
            String before = System.getProperty(DISABLE);
            System.setProperty(DISABLE, "false");
            try {
                return construction.get();
            } finally {
                if (before == null) {
                    System.clearProperty(DISABLE);
                } else {
                    System.setProperty(DISABLE, before);
                }
            }
        }
    }

    private static boolean install() {
        try {
            String backend = Nd4j.getExecutioner().getEnvironmentInformation().getProperty("backend");
            if (!"CPU".equalsIgnoreCase(backend)) {
                LOG.debug("layer helpers not switched on: backend {}", backend);
                return false;
            }
            ClassLoader current = DL4JClassLoading.getDl4jClassloader();
            if (current == null) {
                current = OneDnnHelpers.class.getClassLoader();
            }
            try {
                Class.forName(SWITCH, false, current); // a Deeplearning4j whose check finds its class
            } catch (ClassNotFoundException absent) {
                DL4JClassLoading.setDl4jClassloader(new SwitchLoader(current));
            }
            LOG.debug("Deeplearning4j's CPU layer helpers switched on for the compact CNN");
            return true;
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Deeplearning4j's CPU layer helpers stay off ({}); training uses its plain layers", e.toString());
            return false;
        }
    }

    /** Defines the switch class; every other name goes to the loader Deeplearning4j had. */
    static final class SwitchLoader extends ClassLoader {
        static {
            registerAsParallelCapable();
        }

        SwitchLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(SWITCH)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) {
                    byte[] bytes = switchClass();
                    c = defineClass(name, bytes, 0, bytes.length);
                }
                return c;
            }
        }
    }

    /**
     * The class file of {@value #SWITCH}: {@code public class ... { public static Object
     * getInstance() { return null; } public static boolean isUseMKLDNN() { return true; } }}
     * (class file version 52, no constructor, straight-line code needing no stack map).
     */
    static byte[] switchClass() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(0xCAFEBABE);
            out.writeShort(0);
            out.writeShort(52);
            String[] utf8 = {SWITCH.replace('.', '/'), "java/lang/Object", "getInstance", "()Ljava/lang/Object;",
                "isUseMKLDNN", "()Z", "Code"};
            // constant pool: #1 this name, #2 Class #1, #3 Object name, #4 Class #3, #5..#9 the other strings
            out.writeShort(10);
            out.writeByte(1);
            out.writeUTF(utf8[0]);
            out.writeByte(7);
            out.writeShort(1);
            out.writeByte(1);
            out.writeUTF(utf8[1]);
            out.writeByte(7);
            out.writeShort(3);
            for (int i = 2; i < utf8.length; i++) {
                out.writeByte(1);
                out.writeUTF(utf8[i]);
            }
            out.writeShort(0x0021); // public, super
            out.writeShort(2);
            out.writeShort(4);
            out.writeShort(0); // interfaces
            out.writeShort(0); // fields
            out.writeShort(2); // methods
            method(out, 5, 6, 0x01, 0xB0); // aconst_null, areturn
            method(out, 7, 8, 0x04, 0xAC); // iconst_1, ireturn
            out.writeShort(0); // class attributes
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A public static method of two one-byte instructions, stack 1, no locals. */
    private static void method(DataOutputStream out, int name, int descriptor, int first, int second)
            throws IOException {
        out.writeShort(0x0009);
        out.writeShort(name);
        out.writeShort(descriptor);
        out.writeShort(1);
        out.writeShort(9); // "Code"
        out.writeInt(14);
        out.writeShort(1); // max stack
        out.writeShort(0); // max locals
        out.writeInt(2);
        out.writeByte(first);
        out.writeByte(second);
        out.writeShort(0); // exception table
        out.writeShort(0); // attributes
    }
}
