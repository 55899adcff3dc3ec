package org.cbir.spark;

import java.io.Serializable;

/**
 * What an executor made of one listed image: its signature, or why it could not be used.
 *
 * @param image the listed image
 * @param vector the signature (extracted, then reduced), or {@code null} when unusable
 * @param problem why the image is unusable (unreadable, corrupt, too small...), or {@code null}
 */
record ExtractedImage(ListedImage image, float[] vector, String problem) implements Serializable {
    private static final long serialVersionUID = 1L;
}
