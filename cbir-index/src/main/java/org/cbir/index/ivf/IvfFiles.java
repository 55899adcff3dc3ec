package org.cbir.index.ivf;

import java.io.IOException;
import java.nio.file.Path;
import org.cbir.core.Similarity;
import org.cbir.core.internal.index.VectorFiles;
import org.cbir.core.internal.index.VectorView;
import org.cbir.core.internal.io.ChecksummedFiles;
import org.cbir.core.io.InvalidFileException;
import org.cbir.core.io.StoreDirectory;

/**
 * The file of an {@link InvertedFileIndex}: {@value #FILE}, codec {@value #CODEC}, version
 * {@value #VERSION} (header, footer and array encodings of {@link ChecksummedFiles}). The lists
 * are stored as they are, so a load neither trains nor assigns:
 * <pre>
 * dimension:int32 similarity:string lists:int32 count:int32 trainedAt:int32 trainedImbalance:float64
 * centroids:floats(lists x d row-major, or 0 before training)
 * sizes:ints(lists, or 1 before training)          vectors per list; they sum to count
 * ids, vectors: as core's {@link VectorFiles} writes them, list after list
 * </pre>
 * The whole save and load of the index, in one place. Static and stateless.
 */
final class IvfFiles {
    static final String FILE = "ivf.bin";
    static final String CODEC = "cbir.ivf";
    static final int VERSION = 1;

    private IvfFiles() {
    }

    static void save(StoreDirectory directory, InvertedFileIndex index) throws IOException {
        InvertedLists lists = index.lists();
        CoarseQuantizer quantizer = index.quantizer();
        ChecksummedFiles.write(directory, FILE, CODEC, VERSION, out -> {
            out.writeInt(index.dimension());
            ChecksummedFiles.writeString(out, index.similarityType());
            out.writeInt(index.parameters().lists());
            out.writeInt(lists.size());
            out.writeInt(index.trainedAt());
            out.writeDouble(index.trainedImbalance());
            ChecksummedFiles.writeFloats(out, quantizer == null ? new float[0] : quantizer.centroids());
            int[] sizes = new int[lists.lists()];
            for (int l = 0; l < sizes.length; l++) {
                sizes[l] = lists.size(l);
            }
            ChecksummedFiles.writeInts(out, sizes);
            VectorFiles.writeIdsAndVectors(out, new ListOrder(lists, sizes));
        });
    }

    static InvertedFileIndex load(InvertedFile parameters, StoreDirectory directory, Similarity similarity) throws IOException {
        Path file = directory.location(FILE);
        return ChecksummedFiles.read(directory, FILE, CODEC, VERSION, VERSION, (in, version) -> {
            int dimension = in.readInt();
            String metric = ChecksummedFiles.readString(in);
            int listCount = in.readInt();
            int count = in.readInt();
            int trainedAt = in.readInt();
            double imbalance = in.readDouble();
            if (dimension < 1 || listCount < 1 || count < 0 || trainedAt < 0 || !(imbalance >= 0 && imbalance <= listCount)) {
                throw ChecksummedFiles.corrupt(in, "invalid dimension " + dimension + ", lists " + listCount + ", count "
                        + count + ", trained-at count " + trainedAt + " or imbalance " + imbalance);
            }
            if (listCount != parameters.lists()) {
                throw new InvalidFileException(file, "holds an inverted file of " + listCount + " lists, which cannot be"
                        + " loaded as " + parameters.spec() + "; load it with lists=" + listCount);
            }
            if (!similarity.spec().type().equals(metric)) {
                throw new InvalidFileException(file, "holds an inverted file for the similarity '" + metric
                        + "', which cannot be searched with " + similarity.spec());
            }
            InvertedFileIndex index = parameters.create(dimension, similarity);
            float[] centroids = ChecksummedFiles.readFloats(in);
            int[] sizes = ChecksummedFiles.readInts(in);
            boolean trained = trainedAt > 0;
            if (centroids.length != (trained ? (long) listCount * dimension : 0) || sizes.length != (trained ? listCount : 1)) {
                throw ChecksummedFiles.corrupt(in, centroids.length + " centroid values and " + sizes.length
                        + " list sizes for " + listCount + " lists of dimension " + dimension + " trained at " + trainedAt);
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
            for (float c : centroids) {
                if (!Float.isFinite(c)) {
                    throw ChecksummedFiles.corrupt(in, "a non-finite centroid value " + c);
                }
            }
            InvertedLists lists = new InvertedLists(dimension, sizes.length);
            int[] cursor = {0, 0}; // list, rows read into it
            VectorFiles.readIdsAndVectors(in, count, dimension, lists, (id, block, offset) -> {
                while (cursor[1] == sizes[cursor[0]]) {
                    cursor[0]++;
                    cursor[1] = 0;
                }
                for (int j = 0; j < dimension; j++) {
                    if (!Float.isFinite(block[offset + j])) {
                        throw ChecksummedFiles.corrupt(in, "vector of id " + id + " has a non-finite value");
                    }
                }
                lists.append(cursor[0], id, block, offset);
                cursor[1]++;
            });
            index.restore(lists, trained ? new CoarseQuantizer(centroids, listCount, dimension, index.cosine()) : null,
                    trainedAt, imbalance);
            return index;
        });
    }

    /**
     * The rows of {@code lists} numbered list after list, as {@link VectorFiles} writes them: row
     * {@code r} is found by a binary search over the lists' first rows.
     */
    private static final class ListOrder implements VectorView {
        private final InvertedLists lists;
        private final int[] firsts;

        ListOrder(InvertedLists lists, int[] sizes) {
            this.lists = lists;
            this.firsts = new int[sizes.length + 1];
            for (int l = 0; l < sizes.length; l++) {
                firsts[l + 1] = firsts[l] + sizes[l];
            }
        }

        /** The list of row {@code r}: the last list whose first row is at most r and which is not empty. */
        private int listOf(int r) {
            int low = 0;
            int high = firsts.length - 2;
            while (low < high) {
                int mid = (low + high + 1) >>> 1;
                if (firsts[mid] <= r) {
                    low = mid;
                } else {
                    high = mid - 1;
                }
            }
            return low;
        }

        @Override
        public int dimension() {
            return lists.dimension();
        }

        @Override
        public int size() {
            return lists.size();
        }

        @Override
        public int rows() {
            return lists.size();
        }

        @Override
        public long id(int row) {
            int list = listOf(row);
            return lists.id(list, row - firsts[list]);
        }

        @Override
        public int rowOf(long id) {
            throw new UnsupportedOperationException("a write-only view");
        }

        @Override
        public boolean isLive(int row) {
            return true;
        }

        @Override
        public void copyRow(int row, float[] target, int offset) {
            int list = listOf(row);
            lists.copy(list, row - firsts[list], target, offset);
        }
    }
}
