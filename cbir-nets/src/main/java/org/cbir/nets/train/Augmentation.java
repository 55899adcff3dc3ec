package org.cbir.nets.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.cbir.core.image.Image;
import org.cbir.nets.internal.AugmentedDataSetIterator;

/**
 * The data augmentation of the paper (Araujo et al., "Reverse Image Search for Scientific Data
 * within and beyond the Visible Spectrum"): every training image is translated by a few offsets
 * in each of the four directions, with mirrored borders, and the original and each translation
 * are also rotated by 90, 180 and 270 degrees.
 *
 * <p>With {@code n} offsets and rotations on, an image yields exactly
 * {@code (1 + 4n) * 4} variants; with the paper's three offsets that is <b>52 images per
 * training image: the original and 51 generated ones</b> (12 translations, 3 rotations of the
 * original, 36 rotations of the translations). Variant {@code v} of {@link #variant} is, in this
 * order:
 * <ul>
 *   <li>translation {@code t = v / 4} ({@code v / 1} without rotations): {@code t = 0} is the
 *       untranslated image; {@code t = 1 .. 4n} shift by offset {@code offsets[(t - 1) % n]} in
 *       direction {@code (t - 1) / n}: 0 = right, 1 = left, 2 = down, 3 = up;</li>
 *   <li>rotation {@code r = v % 4}: {@code r} counter-clockwise quarter turns of the translated
 *       image ({@link ImageTransforms#rotate90}).</li>
 * </ul>
 * Variant 0 is always the image itself. Offsets are in pixels of the image as it is given
 * (before it is resized to the network's input); the paper used 7, 14 and 20 px for cells and
 * 8, 16 and 24 px for photographs. Variants are computed on demand, one at a time, so an
 * augmented training set is never held in memory (see {@link AugmentedDataSetIterator}).
 *
 * <p>Immutable and thread-safe.
 */
public final class Augmentation {
    private static final Augmentation NONE = new Augmentation(new int[0], false);

    private final int[] offsets;
    private final boolean rotations;

    private Augmentation(int[] offsets, boolean rotations) {
        this.offsets = offsets;
        this.rotations = rotations;
    }

    /** No augmentation: each image is used as it is (one variant). */
    public static Augmentation none() {
        return NONE;
    }

    /** The paper's augmentation for cell images: offsets 7, 14 and 20 px, with rotations (52 variants). */
    public static Augmentation paper() {
        return of(true, 7, 14, 20);
    }

    /**
     * Translations by the given offsets in each of the four directions, and, when
     * {@code rotations} is set, the three quarter-turn rotations of each image.
     *
     * @throws IllegalArgumentException if an offset is not positive or appears twice
     */
    public static Augmentation of(boolean rotations, int... offsets) {
        Objects.requireNonNull(offsets, "offsets");
        int[] copy = offsets.clone();
        for (int o : copy) {
            if (o < 1) {
                throw new IllegalArgumentException("augmentation offsets must be positive pixels, got " + o);
            }
        }
        if (Arrays.stream(copy).distinct().count() != copy.length) {
            throw new IllegalArgumentException("augmentation offsets must be distinct, got " + Arrays.toString(copy));
        }
        if (copy.length == 0 && !rotations) {
            return NONE;
        }
        return new Augmentation(copy, rotations);
    }

    /**
     * Parses the form {@link #toString()} writes: {@code "none"}, or offsets separated by
     * {@code '/'} followed by {@code "+rot"} when rotations are on (e.g. {@code "7/14/20+rot"},
     * {@code "rot"} for rotations only).
     *
     * @throws IllegalArgumentException if {@code text} is not of that form
     */
    public static Augmentation parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.equals("none")) {
            return NONE;
        }
        boolean rot = text.endsWith("rot");
        String offsetsPart = rot ? text.substring(0, text.length() - 3) : text;
        if (offsetsPart.endsWith("+")) {
            offsetsPart = offsetsPart.substring(0, offsetsPart.length() - 1);
        }
        try {
            int[] parsed = offsetsPart.isEmpty() ? new int[0]
                    : Arrays.stream(offsetsPart.split("/")).mapToInt(Integer::parseInt).toArray();
            return of(rot, parsed);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not an augmentation ('none' or e.g. '7/14/20+rot'): " + text, e);
        }
    }

    /** The translation offsets in pixels, a copy. */
    public int[] offsets() {
        return offsets.clone();
    }

    /** Whether each image is also rotated by 90, 180 and 270 degrees. */
    public boolean rotations() {
        return rotations;
    }

    /** How many images each training image yields, the original included: {@code (1 + 4n) * (rotations ? 4 : 1)}. */
    public int variantsPerImage() {
        return (1 + 4 * offsets.length) * (rotations ? 4 : 1);
    }

    /**
     * Variant {@code v} of {@code image}, as listed in the class description.
     *
     * @throws IndexOutOfBoundsException if {@code v} is not in {@code [0, variantsPerImage())}
     */
    public Image variant(Image image, int v) {
        Objects.requireNonNull(image, "image");
        Objects.checkIndex(v, variantsPerImage());
        int perTranslation = rotations ? 4 : 1;
        int t = v / perTranslation;
        int r = v % perTranslation;
        Image translated = image;
        if (t > 0) {
            int n = offsets.length;
            int offset = offsets[(t - 1) % n];
            translated = switch ((t - 1) / n) {
                case 0 -> ImageTransforms.translate(image, offset, 0);
                case 1 -> ImageTransforms.translate(image, -offset, 0);
                case 2 -> ImageTransforms.translate(image, 0, offset);
                default -> ImageTransforms.translate(image, 0, -offset);
            };
        }
        return r == 0 ? translated : ImageTransforms.rotate90(translated, r);
    }

    /** All variants of {@code image}, in order; for inspection and tests (training generates them lazily). */
    public List<Image> variants(Image image) {
        List<Image> all = new ArrayList<>(variantsPerImage());
        for (int v = 0; v < variantsPerImage(); v++) {
            all.add(variant(image, v));
        }
        return all;
    }

    /** {@code "none"}, or e.g. {@code "7/14/20+rot"}; {@link #parse} reads it back. */
    @Override
    public String toString() {
        if (offsets.length == 0 && !rotations) {
            return "none";
        }
        String joined = Arrays.stream(offsets).mapToObj(Integer::toString).collect(Collectors.joining("/"));
        if (!rotations) {
            return joined;
        }
        return joined.isEmpty() ? "rot" : joined + "+rot";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Augmentation a && a.rotations == rotations && Arrays.equals(a.offsets, offsets);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(offsets) * 31 + Boolean.hashCode(rotations);
    }
}
