package org.cbir.nets.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import org.cbir.core.image.Image;
import org.cbir.nets.cnn.CnnExtractor;
import org.cbir.nets.internal.NetworkInput;

/**
 * Random augmentation drawn afresh for every image in every epoch, for {@link CnnExtractor}
 * training: each draw applies, in this order, a random crop (its side a uniform share in
 * {@code [crop, 1]} of the image's, anywhere in the image, or about the centre when
 * {@link #centred()}), a horizontal and a vertical flip (each when enabled) with probability 1/2, 0 to 3
 * counter-clockwise quarter turns (square images; 0 or 2 otherwise), a brightness shift and a
 * contrast factor drawn uniformly within {@code +-light}, and Gaussian noise of standard
 * deviation {@code noise}; samples are in 0..1 (as {@link NetworkInput#prepare} makes them) and
 * stay clamped to it. None of these changes what an image shows, so every view keeps its image's
 * label. The paper's fixed variants ({@link Augmentation}) remain available to LeNet.
 *
 * <p>{@link #forImages(int, CollectionSymmetry)} chooses the defaults per collection (the CNN
 * trainer's choice): the geometric transforms are those under which the training images look the
 * same ({@link CollectionSymmetry}, measured on the images at the network's input size, per class
 * when there are labels): on the shared GISAXS patterns none (the beam and the sample horizon fix
 * their orientation and position), on the fibre patches both flips and quarter turns. Images of at
 * most {@value #SMALL_SIDE} pixels a side (patches such as the microCT fibre cross-sections, whose
 * label is what sits at their centre) get {@link #centred()} crops of at least 0.85, which zoom
 * without moving the centre; larger images get crops of at least 0.8, anywhere when the collection
 * looks the same shifted ({@link CollectionSymmetry.Transform#SHIFT}), else centred. All get light
 * 0.1 and noise 0.02. {@link #forImages(int)} is the same with every symmetry assumed.
 *
 * <p>{@link #forSelfSupervised(int, CollectionSymmetry)} chooses the views of self-supervised
 * training: the same flips, quarter turns and crop placement, with crops down to
 * {@value #VIEW_CROP} of the side, light {@value #VIEW_LIGHT} and noise {@value #VIEW_NOISE}.
 * Contrastive training learns what two views of an image share, so views that differ little make
 * the task easy and the signature weak (Chen et al. 2020 find strong crops and colour changes
 * essential): with the supervised defaults as views, {@code ssl} fell below HOG's MAP on GISAXS
 * and Fashion-MNIST; with these it is above it on GISAXS, the fibres and Fashion-MNIST (MAP 0.703,
 * 0.759 and 0.521 against HOG's 0.672, 0.706 and 0.516; the old views gave 0.646, 0.756 and 0.466;
 * BENCHMARKS.md).
 *
 * <p>The text form ({@link #toString}, {@link #parse}) joins tokens with {@code '+'}: {@code flip}
 * (both flips), {@code hflip}, {@code vflip}, {@code turn}, {@code cropS} or {@code centreS} (S the
 * smallest side share), {@code lightL}, {@code noiseN}; {@code none} for the images as they are,
 * e.g. {@code flip+turn+crop0.8+light0.1+noise0.02} or {@code hflip+crop0.8+light0.1+noise0.02}.
 *
 * @param horizontalFlips random left-right mirroring
 * @param verticalFlips random top-bottom mirroring
 * @param quarterTurns random quarter turns
 * @param crop the smallest crop side, as a share of the image side, in (0, 1]; 1 for no crop
 * @param centred whether crops are centred on the image's centre
 * @param light the largest brightness shift (in 0..1 units) and relative contrast change, in [0, 1)
 * @param noise the standard deviation of additive Gaussian noise, at least 0
 */
public record RandomAugmentation(boolean horizontalFlips, boolean verticalFlips, boolean quarterTurns, double crop, boolean centred, double light,
        double noise) {
    /** Images with no side above this many pixels get centred crops by default. */
    public static final int SMALL_SIDE = 32;

    /** The smallest crop side of self-supervised views, as a share of the image side. */
    public static final double VIEW_CROP = 0.6;
    /** The light change of self-supervised views. */
    public static final double VIEW_LIGHT = 0.4;
    /** The noise of self-supervised views. */
    public static final double VIEW_NOISE = 0.05;

    private static final RandomAugmentation NONE = new RandomAugmentation(false, false, false, 1, false, 0, 0);

    /** @throws IllegalArgumentException naming the first invalid field */
    public RandomAugmentation {
        if (!(crop > 0 && crop <= 1)) {
            throw new IllegalArgumentException("augmentation crop share must be in (0, 1], got " + crop);
        }
        if (!(light >= 0 && light < 1)) {
            throw new IllegalArgumentException("augmentation light change must be in [0, 1), got " + light);
        }
        if (!(noise >= 0) || !Double.isFinite(noise)) {
            throw new IllegalArgumentException("augmentation noise must be >= 0 and finite, got " + noise);
        }
    }

    /** No augmentation: every view is the image itself. */
    public static RandomAugmentation none() {
        return NONE;
    }

    /** Whether either flip is drawn. */
    public boolean flips() {
        return horizontalFlips || verticalFlips;
    }

    /**
     * The defaults for images whose largest side is {@code largestSide} pixels when nothing is
     * known of their symmetries (see the class description): both flips and quarter turns;
     * centred crops for small patches, crops anywhere for larger images.
     */
    public static RandomAugmentation forImages(int largestSide) {
        return forImages(largestSide, true, true, true, true);
    }

    /**
     * The defaults for a collection whose largest side is {@code largestSide} pixels and whose
     * measured symmetries are {@code symmetry} (see the class description): only the flips and
     * quarter turns the collection has; centred crops for small patches, crops anywhere for larger
     * images.
     */
    public static RandomAugmentation forImages(int largestSide, CollectionSymmetry symmetry) {
        Objects.requireNonNull(symmetry, "symmetry");
        return forImages(largestSide, symmetry.holds(CollectionSymmetry.Transform.HORIZONTAL_FLIP),
                symmetry.holds(CollectionSymmetry.Transform.VERTICAL_FLIP),
                symmetry.holds(CollectionSymmetry.Transform.QUARTER_TURN),
                symmetry.holds(CollectionSymmetry.Transform.SHIFT));
    }

    /**
     * The views of self-supervised training for a collection whose largest side is
     * {@code largestSide} pixels and whose measured symmetries are {@code symmetry} (see the class
     * description): {@link #forImages(int, CollectionSymmetry)}'s flips, turns and crop placement,
     * with stronger crops, light and noise.
     */
    public static RandomAugmentation forSelfSupervised(int largestSide, CollectionSymmetry symmetry) {
        return forImages(largestSide, symmetry).asContrastiveViews();
    }

    /** {@link #forSelfSupervised(int, CollectionSymmetry)} with every symmetry assumed. */
    public static RandomAugmentation forSelfSupervised(int largestSide) {
        return forImages(largestSide).asContrastiveViews();
    }

    private RandomAugmentation asContrastiveViews() {
        return new RandomAugmentation(horizontalFlips, verticalFlips, quarterTurns, Math.min(crop, VIEW_CROP), centred,
                Math.max(light, VIEW_LIGHT), Math.max(noise, VIEW_NOISE));
    }

    private static RandomAugmentation forImages(int largestSide, boolean horizontal, boolean vertical, boolean turns,
            boolean shifts) {
        return largestSide <= SMALL_SIDE
                ? new RandomAugmentation(horizontal, vertical, turns, 0.85, true, 0.1, 0.02)
                : new RandomAugmentation(horizontal, vertical, turns, 0.8, !shifts, 0.1, 0.02);
    }

    /**
     * Parses the text form of the class description.
     *
     * @throws IllegalArgumentException naming the token that does not parse
     */
    public static RandomAugmentation parse(String text) {
        Objects.requireNonNull(text, "text");
        if (text.equals("none")) {
            return NONE;
        }
        boolean horizontal = false;
        boolean vertical = false;
        boolean turns = false;
        boolean centred = false;
        double crop = 1;
        double light = 0;
        double noise = 0;
        for (String token : text.split("\\+")) {
            if (token.equals("flip")) {
                horizontal = true;
                vertical = true;
            } else if (token.equals("hflip")) {
                horizontal = true;
            } else if (token.equals("vflip")) {
                vertical = true;
            } else if (token.equals("turn")) {
                turns = true;
            } else if (token.startsWith("crop")) {
                crop = value(token, "crop", text);
            } else if (token.startsWith("centre")) {
                crop = value(token, "centre", text);
                centred = true;
            } else if (token.startsWith("light")) {
                light = value(token, "light", text);
            } else if (token.startsWith("noise")) {
                noise = value(token, "noise", text);
            } else {
                throw new IllegalArgumentException("unknown augmentation token '" + token + "' in '" + text
                        + "'; use none or flip, hflip, vflip, turn, cropS, centreS, lightL, noiseN joined by '+'");
            }
        }
        return new RandomAugmentation(horizontal, vertical, turns, crop, centred, light, noise);
    }

    private static double value(String token, String prefix, String text) {
        try {
            return Double.parseDouble(token.substring(prefix.length()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + token + "' in augmentation '" + text + "' needs a number after "
                    + prefix + ", e.g. " + prefix + "0.8", e);
        }
    }

    /** One random view of a prepared image (samples in 0..1), at the image's own size; a new image. */
    public Image apply(Image image, Random random) {
        Objects.requireNonNull(image, "image");
        Image view = crop < 1 ? cropped(image, random) : image;
        boolean flipX = horizontalFlips && random.nextBoolean();
        boolean flipY = verticalFlips && random.nextBoolean();
        if (flipX || flipY) {
            view = flipped(view, flipX, flipY);
        }
        if (quarterTurns) {
            int turns = view.width() == view.height() ? random.nextInt(4) : 2 * random.nextInt(2);
            view = ImageTransforms.rotate90(view, turns);
        }
        return light > 0 || noise > 0 ? intensity(view, random) : view;
    }

    private Image cropped(Image image, Random random) {
        double share = crop + (1 - crop) * random.nextDouble();
        int w = Math.max(1, (int) Math.round(image.width() * share));
        int h = Math.max(1, (int) Math.round(image.height() * share));
        int x0 = centred ? (image.width() - w) / 2 : random.nextInt(image.width() - w + 1);
        int y0 = centred ? (image.height() - h) / 2 : random.nextInt(image.height() - h + 1);
        int c = image.channels();
        float[] in = image.samples();
        float[] out = new float[w * h * c];
        for (int y = 0; y < h; y++) {
            System.arraycopy(in, ((y0 + y) * image.width() + x0) * c, out, y * w * c, w * c);
        }
        return Image.of(w, h, c, image.depth(), out).resize(image.width(), image.height());
    }

    private static Image flipped(Image image, boolean flipX, boolean flipY) {
        int w = image.width();
        int h = image.height();
        int c = image.channels();
        float[] in = image.samples();
        float[] out = new float[in.length];
        for (int y = 0; y < h; y++) {
            int sy = flipY ? h - 1 - y : y;
            for (int x = 0; x < w; x++) {
                int sx = flipX ? w - 1 - x : x;
                System.arraycopy(in, (sy * w + sx) * c, out, (y * w + x) * c, c);
            }
        }
        return Image.of(w, h, c, image.depth(), out);
    }

    private Image intensity(Image image, Random random) {
        float[] s = image.samples();
        double mean = 0;
        for (float v : s) {
            mean += v;
        }
        mean /= s.length;
        double shift = light * (2 * random.nextDouble() - 1);
        double contrast = 1 + light * (2 * random.nextDouble() - 1);
        float[] out = new float[s.length];
        for (int i = 0; i < s.length; i++) {
            double v = mean + (s[i] - mean) * contrast + shift + (noise > 0 ? noise * random.nextGaussian() : 0);
            out[i] = (float) Math.min(1, Math.max(0, v));
        }
        return Image.of(image.width(), image.height(), image.channels(), image.depth(), out);
    }

    /** The text form of the class description, which {@link #parse} reads back. */
    @Override
    public String toString() {
        List<String> tokens = new ArrayList<>();
        if (horizontalFlips && verticalFlips) {
            tokens.add("flip");
        } else if (horizontalFlips) {
            tokens.add("hflip");
        } else if (verticalFlips) {
            tokens.add("vflip");
        }
        if (quarterTurns) {
            tokens.add("turn");
        }
        if (crop < 1) {
            tokens.add((centred ? "centre" : "crop") + number(crop));
        }
        if (light > 0) {
            tokens.add("light" + number(light));
        }
        if (noise > 0) {
            tokens.add("noise" + number(noise));
        }
        return tokens.isEmpty() ? "none" : String.join("+", tokens);
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }
}
