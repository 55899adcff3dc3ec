package org.cbir.nets.internal;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cbir.core.internal.io.ChecksummedFiles;
import org.cbir.core.io.StoreDirectory;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * The file that keeps the state of a network trained from scratch (the LeNet's, codec
 * {@code lenet-model}, and the compact CNN's, {@code cnn-model}): a {@link ChecksummedFiles} file
 * of the caller's codec, so that a truncated or altered model is refused with a
 * {@link org.cbir.core.io.CorruptFileException} naming the file. Body, version 1:
 * <pre>
 * Body    := trained:bool classCount:int32 className:string{classCount} [modelLength:int64 model:byte[modelLength]]
 * model   = the network as Deeplearning4j's ModelSerializer writes it (a zip; no updater state),
 *           present only when trained
 * </pre>
 * The model goes through a temporary file (ModelSerializer needs one to read a zip), which is
 * deleted afterwards. Stateless and thread-safe; a network must not be trained while it is saved.
 */
public final class MultiLayerModelFile {
    /** The version of the body layout. */
    public static final int VERSION = 1;

    private static final int MAX_CLASSES = 1 << 20;

    /** What the file holds: the class names by output index, and the network or null when untrained. */
    public record Contents(List<String> classes, MultiLayerNetwork network) {
    }

    private MultiLayerModelFile() {
    }

    /** Writes {@code classes} and {@code network} (null: a file that records an untrained network) as codec {@code codec}. */
    public static void write(StoreDirectory directory, String name, String codec, List<String> classes,
            MultiLayerNetwork network) throws IOException {
        Path model = network == null ? null : Files.createTempFile("cbir-lenet-", ".zip");
        try {
            if (model != null) {
                ModelSerializer.writeModel(network, model.toFile(), false);
            }
            ChecksummedFiles.write(directory, name, codec, VERSION, out -> {
                out.writeBoolean(model != null);
                out.writeInt(classes.size());
                for (String c : classes) {
                    ChecksummedFiles.writeString(out, c);
                }
                if (model != null) {
                    out.writeLong(Files.size(model));
                    Files.copy(model, out);
                }
            });
        } finally {
            if (model != null) {
                Files.deleteIfExists(model);
            }
        }
    }

    /**
     * Reads a file that {@link #write(StoreDirectory, String, String, List, MultiLayerNetwork)} wrote with {@code codec}.
     *
     * @throws org.cbir.core.io.CorruptFileException if the file is damaged, of another codec, or
     *     the network in it does not load
     * @throws java.nio.file.NoSuchFileException if there is no such file
     */
    public static Contents read(StoreDirectory directory, String fileName, String codec) throws IOException {
        return ChecksummedFiles.read(directory, fileName, codec, VERSION, VERSION, (in, version) -> {
            boolean trained = in.readBoolean();
            int count = in.readInt();
            if (count < 0 || count > MAX_CLASSES) {
                throw ChecksummedFiles.corrupt(in, "illegal class count " + count);
            }
            List<String> classes = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String name = ChecksummedFiles.readString(in);
                if (name == null) {
                    throw ChecksummedFiles.corrupt(in, "class name " + i + " is null");
                }
                classes.add(name);
            }
            if (!trained) {
                return new Contents(List.copyOf(classes), null);
            }
            long length = in.readLong();
            if (length <= 0) {
                throw ChecksummedFiles.corrupt(in, "illegal model length " + length);
            }
            return new Contents(List.copyOf(classes), readNetwork(in, length));
        });
    }

    private static MultiLayerNetwork readNetwork(DataInputStream in, long length) throws IOException {
        Path model = Files.createTempFile("cbir-lenet-", ".zip");
        try {
            try (OutputStream out = Files.newOutputStream(model)) {
                copy(in, out, length);
            }
            try {
                return ModelSerializer.restoreMultiLayerNetwork(model.toFile(), false);
            } catch (IOException | RuntimeException e) {
                throw ChecksummedFiles.corrupt(in, "the Deeplearning4j model in it does not load: " + e);
            }
        } finally {
            Files.deleteIfExists(model);
        }
    }

    private static void copy(InputStream in, OutputStream out, long length) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new java.io.EOFException("model ends after " + (length - left) + " of " + length + " bytes");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
    }
}
