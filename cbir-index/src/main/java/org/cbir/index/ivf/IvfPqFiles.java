package org.cbir.index.ivf;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Path;
import org.cbir.core.Similarity;
import org.cbir.core.internal.index.VectorFiles;
import org.cbir.core.internal.index.VectorStore;
import org.cbir.core.internal.io.ChecksummedFiles;
import org.cbir.core.io.InvalidFileException;
import org.cbir.core.io.StoreDirectory;

/**
 * The file of an {@link InvertedFilePqIndex}: {@value #FILE}, codec {@value #CODEC}, version
 * {@value #VERSION} (header, footer and array encodings of {@link ChecksummedFiles}). The codes
 * and lists are stored as they are, so a load neither trains, assigns nor codes (the per-vector
 * corrections follow from the codes and are computed again):
 * <pre>
 * dimension:int32 similarity:string lists:int32 m:int32 count:int32 trainedAt:int32 trainedImbalance:float64
 * ids, vectors: as core's {@link VectorFiles} writes them, in the store's row order
 * and when trainedAt &gt; 0:
 * centroids:floats(lists x d row-major)
 * codebooks:floats(256 x d)        sub-space after sub-space, each its 256 codewords row-major
 * sizes:ints(lists)                entries per list; they sum to count
 * rows:ints(count)                 the store row of each entry, list after list
 * codes: lists x bytes(size x m)   each list's codes, entry after entry
 * </pre>
 * The whole save and load of the index, in one place. Static and stateless.
 */
final class IvfPqFiles {
    static final String FILE = "ivf-pq.bin";
    static final String CODEC = "cbir.ivf-pq";
    static final int VERSION = 1;

    private IvfPqFiles() {
    }

    static void save(StoreDirectory directory, InvertedFilePqIndex index) throws IOException {
        CodedLists lists = index.lists();
        ChecksummedFiles.write(directory, FILE, CODEC, VERSION, out -> {
            out.writeInt(index.dimension());
            ChecksummedFiles.writeString(out, index.similarityType());
            out.writeInt(index.parameters().lists());
            out.writeInt(index.m());
            out.writeInt(index.store().size());
            out.writeInt(index.trainedAt());
            out.writeDouble(index.trainedImbalance());
            VectorFiles.writeIdsAndVectors(out, index.store());
            if (lists == null) {
                return;
            }
            ChecksummedFiles.writeFloats(out, index.quantizer().centroids());
            ChecksummedFiles.writeFloats(out, index.codes().codebooks());
            int[] sizes = new int[lists.lists()];
            int[] rows = new int[lists.count()];
            for (int l = 0, at = 0; l < sizes.length; l++) {
                sizes[l] = lists.size(l);
                System.arraycopy(lists.rows(l), 0, rows, at, sizes[l]);
                at += sizes[l];
            }
            ChecksummedFiles.writeInts(out, sizes);
            ChecksummedFiles.writeInts(out, rows);
            for (int l = 0; l < sizes.length; l++) {
                byte[] codes = lists.codes(l);
                ChecksummedFiles.writeBytes(out, codes.length == sizes[l] * index.m() ? codes
                        : java.util.Arrays.copyOf(codes, sizes[l] * index.m()));
            }
        });
    }

    static InvertedFilePqIndex load(InvertedFilePq parameters, StoreDirectory directory, Similarity similarity)
            throws IOException {
        Path file = directory.location(FILE);
        return ChecksummedFiles.read(directory, FILE, CODEC, VERSION, VERSION, (in, version) -> {
            int dimension = in.readInt();
            String metric = ChecksummedFiles.readString(in);
            int listCount = in.readInt();
            int m = in.readInt();
            int count = in.readInt();
            int trainedAt = in.readInt();
            double imbalance = in.readDouble();
            if (dimension < 1 || listCount < 1 || m < 1 || m > dimension || count < 0 || trainedAt < 0
                    || !(imbalance >= 0 && imbalance <= listCount)) {
                throw ChecksummedFiles.corrupt(in, "invalid dimension " + dimension + ", lists " + listCount + ", m " + m
                        + ", count " + count + ", trained-at count " + trainedAt + " or imbalance " + imbalance);
            }
            if (listCount != parameters.lists() || m != Math.min(parameters.m(), dimension)) {
                throw new InvalidFileException(file, "holds an IVF-PQ index of " + listCount + " lists and " + m
                        + "-byte codes, which cannot be loaded as " + parameters.spec() + "; load it with lists="
                        + listCount + " and m=" + m);
            }
            if (!similarity.spec().type().equals(metric)) {
                throw new InvalidFileException(file, "holds an IVF-PQ index for the similarity '" + metric
                        + "', which cannot be searched with " + similarity.spec());
            }
            InvertedFilePqIndex index = parameters.create(dimension, similarity);
            VectorStore store = index.store();
            VectorFiles.readIdsAndVectors(in, count, dimension, store, (id, block, offset) -> {
                for (int j = 0; j < dimension; j++) {
                    if (!Float.isFinite(block[offset + j])) {
                        throw ChecksummedFiles.corrupt(in, "vector of id " + id + " has a non-finite value");
                    }
                }
                store.append(id, block, offset);
            });
            if (trainedAt > 0) {
                restoreLists(in, index, listCount, dimension, m, count, trainedAt, imbalance);
            }
            return index;
        });
    }

    private static void restoreLists(DataInputStream in, InvertedFilePqIndex index, int listCount, int dimension, int m,
            int count, int trainedAt, double imbalance) throws IOException {
        float[] centroids = finite(in, ChecksummedFiles.readFloats(in), "centroid");
        float[] codebooks = finite(in, ChecksummedFiles.readFloats(in), "codeword");
        int[] sizes = ChecksummedFiles.readInts(in);
        int[] rows = ChecksummedFiles.readInts(in);
        if (centroids.length != (long) listCount * dimension || codebooks.length != (long) ProductQuantizer.CENTROIDS
                * dimension || sizes.length != listCount || rows.length != count) {
            throw ChecksummedFiles.corrupt(in, centroids.length + " centroid values, " + codebooks.length
                    + " codeword values, " + sizes.length + " list sizes and " + rows.length + " rows for " + listCount
                    + " lists of dimension " + dimension + " and " + count + " vectors");
        }
        long total = 0;
        for (int s : sizes) {
            if (s < 0) {
                throw ChecksummedFiles.corrupt(in, "a list of negative size " + s);
            }
            total += s;
        }
        if (total != count) {
            throw ChecksummedFiles.corrupt(in, "list sizes sum to " + total + " for " + count + " vectors");
        }
        boolean[] seen = new boolean[count];
        for (int row : rows) {
            if (row < 0 || row >= count || seen[row]) {
                throw ChecksummedFiles.corrupt(in, "the lists hold the vector row " + row + " twice or out of range");
            }
            seen[row] = true;
        }
        CoarseQuantizer coarse = new CoarseQuantizer(centroids, listCount, dimension, index.cosine());
        ProductQuantizer pq = new ProductQuantizer(codebooks, dimension, m);
        CodedLists lists = new CodedLists(m, listCount);
        for (int l = 0, at = 0; l < listCount; l++) {
            byte[] codes = ChecksummedFiles.readBytes(in);
            if (codes.length != (long) sizes[l] * m) {
                throw ChecksummedFiles.corrupt(in, codes.length + " code bytes for a list of " + sizes[l] + " vectors"
                        + " of " + m + " bytes");
            }
            for (int e = 0; e < sizes[l]; e++, at++) {
                lists.append(l, rows[at], codes, e * m, pq.correction(codes, e * m, centroids, l));
            }
        }
        index.restore(lists, coarse, pq, trainedAt, imbalance);
    }

    private static float[] finite(DataInputStream in, float[] values, String what) throws IOException {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                throw ChecksummedFiles.corrupt(in, "a non-finite " + what + " value " + v);
            }
        }
        return values;
    }
}
