package org.cbir.nets.pretrained;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.bytedeco.hdf5.Attribute;
import org.bytedeco.hdf5.DataSet;
import org.bytedeco.hdf5.DataSpace;
import org.bytedeco.hdf5.Group;
import org.bytedeco.hdf5.H5File;
import org.bytedeco.hdf5.PredType;
import org.bytedeco.hdf5.StrType;
import org.bytedeco.hdf5.global.hdf5;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;

/**
 * The weights in a Keras HDF5 file, in Keras's legacy layout: the weights file that Keras's
 * applications ship ({@code model.save_weights("x.h5")} in Keras 2, e.g.
 * {@code inception_resnet_v2_weights_tf_dim_ordering_tf_kernels.h5}) has a root attribute
 * {@code layer_names} (split into {@code layer_names0}, {@code layer_names1}, ... when long) and
 * one group per layer whose attribute {@code weight_names} lists its datasets
 * ({@code conv2d_1/kernel:0}, relative to the group); a full model file ({@code model.save("x.h5")})
 * has the same under its group {@code model_weights}. Values are read as they are stored, in
 * Keras's order (a convolution kernel is {@code [height, width, in, out]}).
 *
 * <p>Reads everything into memory when opened ({@link #read}), so that the HDF5 native library
 * (not thread-safe; calls are serialised on {@link Hdf5Archive#LOCK_OBJECT}, as Deeplearning4j's
 * own Keras import does) is released at once. The result is immutable and thread-safe; the arrays
 * that {@link KerasWeight#data()} returns are copies the caller owns.
 */
public final class KerasWeightsFile {
    private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};

    private final Path file;
    private final List<KerasLayerWeights> layers;

    private KerasWeightsFile(Path file, List<KerasLayerWeights> layers) {
        this.file = file;
        this.layers = List.copyOf(layers);
    }

    /**
     * One stored weight: its name as the file lists it, its short name ({@code kernel},
     * {@code moving_mean}, ...), its Keras shape and its values, row-major in that shape.
     * The accessors return copies.
     */
    public record KerasWeight(String name, String shortName, long[] shape, float[] data) {
        /** A copy of the values, row-major in {@link #shape()}. */
        @Override
        public float[] data() {
            return data.clone();
        }

        /** The shape as text, e.g. {@code 3x3x32x64}. */
        public String shapeText() {
            StringBuilder s = new StringBuilder();
            for (long d : shape) {
                s.append(s.length() == 0 ? "" : "x").append(d);
            }
            return s.toString();
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }
    }

    /** One layer's weights, in the file's order; layers without weights have none. */
    public record KerasLayerWeights(String layer, List<KerasWeight> weights) {
        /** @throws NullPointerException if a part is null */
        public KerasLayerWeights {
            java.util.Objects.requireNonNull(layer, "layer");
            weights = List.copyOf(weights);
        }

        /** The weight with this short name ({@code kernel}, {@code bias}, {@code beta}, ...), or null. */
        public KerasWeight weight(String shortName) {
            for (KerasWeight w : weights) {
                if (w.shortName().equals(shortName)) {
                    return w;
                }
            }
            return null;
        }
    }

    /**
     * Reads every layer's weights of the Keras HDF5 file {@code h5} (a weights file or a full model file).
     *
     * @throws NoSuchFileException if the file does not exist
     * @throws IOException naming the file (and the layer) if it is not HDF5, has no Keras
     *     {@code layer_names}, or a listed weight is missing or not floating point
     */
    public static KerasWeightsFile read(Path h5) throws IOException {
        if (!Files.isRegularFile(h5)) {
            throw new NoSuchFileException(h5.toString(), null, "no Keras weights file here");
        }
        if (!hasHdf5Signature(h5)) {
            throw new IOException(h5 + " is not a Keras weights file: it is not an HDF5 file (no HDF5 signature)");
        }
        synchronized (Hdf5Archive.LOCK_OBJECT) {
            org.bytedeco.hdf5.Exception.dontPrint();
            H5File f;
            try {
                f = new H5File(h5.toString(), hdf5.H5F_ACC_RDONLY);
            } catch (RuntimeException e) {
                throw new IOException(h5 + " cannot be opened as HDF5: " + e.getMessage(), e);
            }
            try {
                return new KerasWeightsFile(h5, readLayers(h5, f));
            } catch (RuntimeException e) {
                throw new IOException(h5 + " is not a readable Keras weights file: " + e.getMessage(), e);
            } finally {
                f.close();
                f.deallocate();
            }
        }
    }

    private static List<KerasLayerWeights> readLayers(Path h5, H5File f) throws IOException {
        Group root = f;
        Group modelWeights = null;
        if (!hasStrings(f, "layer_names") && f.nameExists("model_weights")) {
            modelWeights = f.openGroup("model_weights");
            root = modelWeights;
        }
        try {
            List<String> names = strings(root, "layer_names");
            if (names == null) {
                throw new IOException(h5 + " is not a Keras weights file: it has no attribute 'layer_names'"
                        + " (neither at its root nor under 'model_weights')");
            }
            List<KerasLayerWeights> layers = new ArrayList<>();
            for (String layer : names) {
                if (!root.nameExists(layer)) {
                    throw new IOException(h5 + ": layer '" + layer + "' is listed in layer_names but has no group");
                }
                Group g = root.openGroup(layer);
                try {
                    List<String> weightNames = strings(g, "weight_names");
                    List<KerasWeight> weights = new ArrayList<>();
                    for (String w : weightNames == null ? List.<String>of() : weightNames) {
                        weights.add(readWeight(h5, layer, g, w));
                    }
                    layers.add(new KerasLayerWeights(layer, weights));
                } finally {
                    g.close();
                    g.deallocate();
                }
            }
            return layers;
        } finally {
            if (modelWeights != null) {
                modelWeights.close();
                modelWeights.deallocate();
            }
        }
    }

    private static KerasWeight readWeight(Path h5, String layer, Group g, String name) throws IOException {
        if (!g.nameExists(name.contains("/") ? name.substring(0, name.indexOf('/')) : name) || !g.nameExists(name)) {
            throw new IOException(h5 + ": layer '" + layer + "' lists weight '" + name + "' but has no such dataset");
        }
        DataSet ds = g.openDataSet(name);
        try {
            if (ds.asAbstractDs().getTypeClass() != hdf5.H5T_FLOAT) {
                throw new IOException(h5 + ": layer '" + layer + "' weight '" + name + "' is not floating point");
            }
            DataSpace space = ds.getSpace();
            long[] shape = new long[space.getSimpleExtentNdims()];
            space.getSimpleExtentDims(shape);
            space.deallocate();
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            if (n > Integer.MAX_VALUE) {
                throw new IOException(h5 + ": layer '" + layer + "' weight '" + name + "' is too large");
            }
            float[] data = new float[(int) n];
            try (FloatPointer buffer = new FloatPointer(Math.max(1, n))) {
                ds.read(buffer, PredType.NATIVE_FLOAT());
                buffer.get(data);
            }
            String shortName = name.substring(name.lastIndexOf('/') + 1);
            if (shortName.endsWith(":0")) {
                shortName = shortName.substring(0, shortName.length() - 2);
            }
            return new KerasWeight(name, shortName, shape, data);
        } finally {
            ds.close();
            ds.deallocate();
        }
    }

    private static boolean hasStrings(Group where, String name) {
        return where.attrExists(name) || where.attrExists(name + "0");
    }

    /** A string-array attribute, or its Keras chunks {@code name0, name1, ...}; null if absent. */
    private static List<String> strings(Group where, String name) {
        if (where.attrExists(name)) {
            return stringAttribute(where, name);
        }
        if (!where.attrExists(name + "0")) {
            return null;
        }
        List<String> all = new ArrayList<>();
        for (int chunk = 0; where.attrExists(name + chunk); chunk++) {
            all.addAll(stringAttribute(where, name + chunk));
        }
        return all;
    }

    private static List<String> stringAttribute(Group where, String name) {
        Attribute a = where.openAttribute(name);
        try {
            DataSpace space = a.getSpace();
            int rank = space.getSimpleExtentNdims();
            long[] dims = new long[Math.max(rank, 1)];
            if (rank > 0) {
                space.getSimpleExtentDims(dims);
            } else {
                dims[0] = 1;
            }
            space.deallocate();
            int n = (int) dims[0];
            if (n == 0) {
                return Collections.emptyList();
            }
            StrType type = a.getStrType();
            List<String> out = new ArrayList<>(n);
            if (type.isVariableStr()) {
                try (PointerPointer<BytePointer> pointers = new PointerPointer<>(n)) {
                    a.read(type, pointers);
                    for (int i = 0; i < n; i++) {
                        out.add(pointers.getString(i));
                    }
                }
            } else {
                int size = (int) type.getSize();
                byte[] bytes = new byte[n * size];
                try (BytePointer buffer = new BytePointer(bytes.length)) {
                    // the Pointer overload (void *); the BytePointer one reads a single std::string
                    a.read(type, (Pointer) buffer);
                    buffer.get(bytes);
                }
                for (int i = 0; i < n; i++) {
                    int end = i * size;
                    while (end < (i + 1) * size && bytes[end] != 0) {
                        end++;
                    }
                    out.add(new String(bytes, i * size, end - i * size, java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            type.deallocate();
            return out;
        } finally {
            a.close();
            a.deallocate();
        }
    }

    /** Whether the HDF5 format signature is at offset 0, 512, 1024, 2048, ... (where HDF5 allows it). */
    static boolean hasHdf5Signature(Path file) throws IOException {
        try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(file)) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(HDF5_SIGNATURE.length);
            for (long offset = 0; offset + HDF5_SIGNATURE.length <= channel.size();
                    offset = offset == 0 ? 512 : offset * 2) {
                buffer.clear();
                while (buffer.hasRemaining() && channel.read(buffer, offset + buffer.position()) > 0) {
                    // read until full
                }
                if (Arrays.equals(buffer.array(), HDF5_SIGNATURE)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The file read. */
    public Path file() {
        return file;
    }

    /** Every layer listed in {@code layer_names}, in the file's order, with its weights. */
    public List<KerasLayerWeights> layers() {
        return layers;
    }

    /** The layers that have weights, in the file's order. */
    public List<KerasLayerWeights> layersWithWeights() {
        return layers.stream().filter(l -> !l.weights().isEmpty()).toList();
    }
}
