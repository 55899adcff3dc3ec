package org.cbir.nets.pretrained;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cbir.core.internal.io.ChecksummedFiles;
import org.cbir.core.io.StoreDirectory;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;

/**
 * The file that keeps a {@link FineTunedExtractor}'s state: a {@link ChecksummedFiles} file of
 * codec {@value #CODEC}, so that a truncated or altered model is refused with a
 * {@link org.cbir.core.io.CorruptFileException} naming the file. Body, version 1:
 * <pre>
 * Body   := tuned:bool classCount:int32 className:string{classCount} lossCount:int32 loss:float64{lossCount}
 *           modelLength:int64 model:byte[modelLength]
 * model  = Deeplearning4j's ModelSerializer zip of a ComputationGraph, without updater state:
 *          the fine-tuned network when tuned, else the base network (classes and losses empty)
 * </pre>
 * The model goes through a temporary file, deleted afterwards. Stateless and thread-safe.
 */
final class FineTunedModelFile {
    /** The file name inside the extractor's state directory. */
    static final String FILE_NAME = "fine-tuned.model";
    static final String CODEC = "fine-tuned-model";
    static final int VERSION = 1;

    private static final int MAX_COUNT = 1 << 20;

    /** What the file holds. */
    record Contents(boolean tuned, List<String> classes, List<Double> epochLosses, ComputationGraph network) {
    }

    private FineTunedModelFile() {
    }

    static void write(StoreDirectory directory, Contents contents) throws IOException {
        Path model = Files.createTempFile("cbir-fine-tuned-", ".zip");
        try {
            ModelSerializer.writeModel(contents.network(), model.toFile(), false);
            ChecksummedFiles.write(directory, FILE_NAME, CODEC, VERSION, out -> {
                out.writeBoolean(contents.tuned());
                out.writeInt(contents.classes().size());
                for (String c : contents.classes()) {
                    ChecksummedFiles.writeString(out, c);
                }
                out.writeInt(contents.epochLosses().size());
                for (double loss : contents.epochLosses()) {
                    out.writeDouble(loss);
                }
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
    static Contents read(StoreDirectory directory) throws IOException {
        return ChecksummedFiles.read(directory, FILE_NAME, CODEC, VERSION, VERSION, (in, version) -> {
            boolean tuned = in.readBoolean();
            int classCount = count(in, "class");
            List<String> classes = new ArrayList<>(classCount);
            for (int i = 0; i < classCount; i++) {
                String name = ChecksummedFiles.readString(in);
                if (name == null) {
                    throw ChecksummedFiles.corrupt(in, "class name " + i + " is null");
                }
                classes.add(name);
            }
            int lossCount = count(in, "loss");
            List<Double> losses = new ArrayList<>(lossCount);
            for (int i = 0; i < lossCount; i++) {
                losses.add(in.readDouble());
            }
            long length = in.readLong();
            if (length <= 0) {
                throw ChecksummedFiles.corrupt(in, "illegal model length " + length);
            }
            return new Contents(tuned, List.copyOf(classes), List.copyOf(losses),
                    PretrainedModelFile.readNetwork(in, length));
        });
    }

    private static int count(DataInputStream in, String what) throws IOException {
        int count = in.readInt();
        if (count < 0 || count > MAX_COUNT) {
            throw ChecksummedFiles.corrupt(in, "illegal " + what + " count " + count);
        }
        return count;
    }
}
