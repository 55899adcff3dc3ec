package org.cbir.index.pca;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.zip.GZIPInputStream;

/**
 * The Fashion-MNIST images committed as {@code fashion-mnist-t10k-500.idx3.gz}, read from the IDX
 * format (magic 2051, count, rows, cols as big-endian int32, then unsigned bytes) as rows of
 * {@code pixel / 255f}, the same float32 values the reference script builds.
 */
final class FashionMnist {
    private static final String RESOURCE = "/fashion-mnist-t10k-500.idx3.gz";

    private FashionMnist() {
    }

    static List<float[]> images() {
        try (InputStream raw = Objects.requireNonNull(FashionMnist.class.getResourceAsStream(RESOURCE), RESOURCE);
                DataInputStream in = new DataInputStream(new GZIPInputStream(raw))) {
            int magic = in.readInt();
            if (magic != 2051) {
                throw new IllegalStateException("not an IDX image file: magic " + magic);
            }
            int count = in.readInt();
            int pixels = in.readInt() * in.readInt();
            List<float[]> images = new ArrayList<>(count);
            byte[] buffer = new byte[pixels];
            for (int i = 0; i < count; i++) {
                in.readFully(buffer);
                float[] image = new float[pixels];
                for (int p = 0; p < pixels; p++) {
                    image[p] = (buffer[p] & 0xff) / 255f;
                }
                images.add(image);
            }
            return images;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
