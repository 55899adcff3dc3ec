package org.cbir.nets.pretrained;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cbir.core.internal.io.ChecksummedFiles;
import org.cbir.core.io.StoreDirectory;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * The copy of a pretrained network that a saved pipeline keeps, so that it is self-contained: a
 * {@link ChecksummedFiles} file of codec {@value #CODEC}. Body, version 1:
 * {@code modelLength:int64 model:byte[modelLength]}, the model being Deeplearning4j's
 * {@code ModelSerializer} zip without updater state (the zoo's own format). Goes through a
 * temporary file, deleted afterwards. Stateless and thread-safe.
 */
final class PretrainedModelFile {
    /** The file name inside the extractor's state directory. */
    static final String FILE_NAME = "pretrained.model";
    static final String CODEC = "pretrained-model";
    static final int VERSION = 1;

    private PretrainedModelFile() {
    }

    static void write(StoreDirectory directory, ComputationGraph network) throws IOException {
        Path model = Files.createTempFile("cbir-pretrained-", ".zip");
        try {
            ModelSerializer.writeModel(network, model.toFile(), false);
            ChecksummedFiles.write(directory, FILE_NAME, CODEC, VERSION, out -> {
                out.writeLong(Files.size(model));
                Files.copy(model, out);
            });
        } finally {
            Files.deleteIfExists(model);
        }
    }

    /**
     * @throws org.cbir.core.io.CorruptFileException if the file is damaged or its network does not load
     * @throws java.nio.file.NoSuchFileException if there is no such file
     */
    static ComputationGraph read(StoreDirectory directory) throws IOException {
        return ChecksummedFiles.read(directory, FILE_NAME, CODEC, VERSION, VERSION, (in, version) -> {
            long length = in.readLong();
            if (length <= 0) {
                throw ChecksummedFiles.corrupt(in, "illegal model length " + length);
            }
            return readNetwork(in, length);
        });
    }

    /**
     * Reads the {@code length} bytes of a Deeplearning4j model zip that follow in {@code in} (through
     * a temporary file, which the model serializer needs) and restores its graph.
     *
     * @throws org.cbir.core.io.CorruptFileException if the bytes end early or do not load
     */
    static ComputationGraph readNetwork(DataInputStream in, long length) throws IOException {
        Path model = Files.createTempFile("cbir-model-", ".zip");
        try {
            try (OutputStream out = Files.newOutputStream(model)) {
                byte[] buffer = new byte[1 << 16];
                long left = length;
                while (left > 0) {
                    int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                    if (n < 0) {
                        throw new EOFException("model ends after " + (length - left) + " of " + length + " bytes");
                    }
                    out.write(buffer, 0, n);
                    left -= n;
                }
            }
            try {
                return ModelSerializer.restoreComputationGraph(model.toFile(), false);
            } catch (IOException | RuntimeException e) {
                throw ChecksummedFiles.corrupt(in, "the Deeplearning4j model in it does not load: " + e);
            }
        } finally {
            Files.deleteIfExists(model);
        }
    }
}
