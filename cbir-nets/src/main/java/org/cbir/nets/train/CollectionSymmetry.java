package org.cbir.nets.train;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import org.cbir.core.image.Image;

/**
 * Which geometric symmetries a collection of images has, measured from the images themselves, so
 * that {@link RandomAugmentation#forImages(int, CollectionSymmetry)} only augments with transforms
 * under which the collection looks the same. A transform that changes what an image means (a
 * GISAXS pattern turned a quarter or flipped upside down no longer looks like any pattern of the
 * collection: the beam and the sample horizon fix its orientation) must not be used to augment it;
 * one that does not (a texture, a cell crop or a fibre cross-section has no preferred orientation)
 * should be.
 *
 * <p><b>The rule.</b> For each candidate {@link Transform} T and each group of images (each class
 * when there are labels, else the whole collection), each image x gives the change
 * {@code d = f(x) - f(T x)} of two features f:
 * <ul>
 *   <li><em>layout</em>: the image's samples themselves, shrunk to at most {@value #LAYOUT_SIDE}
 *     pixels a side (so the group's mean image is compared with its transform);
 *   <li><em>orientation</em>: the image's histogram of gradient directions ({@value #BINS} bins over
 *     the full circle, magnitude-weighted, linearly interpolated, summing to 1), which catches
 *     a consistent orientation that averages out of the mean image (stripes at random phases).
 * </ul>
 * If the group's distribution is invariant under T, the changes have mean zero: they differ from
 * image to image but share nothing. The <em>asymmetry</em> is the share of the changes' power that
 * they have in common, estimated without bias:
 * {@code rho = (|sum d|^2 - sum |d|^2) / ((n - 1) sum |d|^2)}, an unbiased estimate (up to the
 * ratio) of {@code |E d|^2 / E |d|^2}; about 0 for a symmetric group, 1 when every image changes
 * the same way. T is kept when, in every group of at least {@value #MIN_GROUP} images and for both
 * features, {@code rho} is below {@value #MAX_ASYMMETRY} or within the noise of a group of that
 * size (the 99th percentile of {@code rho} over {@value #NULL_DRAWS} seeded random sign changes of
 * the {@code d}, which are equally likely under the symmetry for the flips, and nearly so for the
 * quarter turn). So a small but systematic asymmetry (a slight lighting gradient) does not forbid a
 * transform, and a few images cannot by chance forbid one either. At most {@value #MAX_GROUP}
 * evenly spaced images of a group are used. When no group is large enough, nothing is known and
 * every transform is kept.
 *
 * <p>What it chooses for the shared samples (BENCHMARKS.md, section "CNN signatures: the compact
 * CNN"): on the GISAXS patterns (4 classes, 100x100 read at 64x64) it keeps nothing: the vertical
 * flip, the quarter turn and the shift each have a layout asymmetry of 0.88 or more in some class,
 * and even the horizontal flip 0.82 (the direct beam is off the patterns' centre column, so
 * a mirror moves it where no pattern has it), so the patterns get centred crops, light and noise
 * only. On the fibre patches (2 classes, 16x16) it keeps both flips and the quarter turn
 * (asymmetries 0.03 to 0.06) and drops the shift (0.14: a patch's label is what sits at its
 * centre), so the fibres' augmentation is what the size-only defaults gave them. The statistics
 * are of first order (a mean image, a histogram of directions): a collection of one chiral shape at
 * random positions and turns (an L, never its mirror J) looks mirror-symmetric to them. Without labels (self-supervised training) the whole collection is one group, so classes
 * that differ only by orientation (horizontal against vertical stripes) look symmetric together: a
 * label-free rule cannot tell them apart.
 *
 * <p>Immutable; {@link #toString()} says what was measured and why each transform was kept or
 * dropped.
 */
public final class CollectionSymmetry {
    /** Gradient-direction bins over the full circle (a multiple of 4, so every candidate permutes them). */
    public static final int BINS = 16;
    /** Groups smaller than this are not measured. */
    public static final int MIN_GROUP = 4;
    /** At most this many (evenly spaced) images of a group are measured. */
    public static final int MAX_GROUP = 400;
    /** A transform whose asymmetry stays below this share in every group and feature is kept. */
    public static final double MAX_ASYMMETRY = 0.1;
    /** The layout is compared at most this many pixels a side (a mean image needs no more). */
    public static final int LAYOUT_SIDE = 32;
    /** Random sign changes that estimate the noise of the asymmetry in a group. */
    public static final int NULL_DRAWS = 199;

    /** A candidate symmetry of the images. */
    public enum Transform {
        /** Mirror left to right. */
        HORIZONTAL_FLIP("h-flip"),
        /** Mirror top to bottom. */
        VERTICAL_FLIP("v-flip"),
        /** A quarter turn (only square images are tested for it). */
        QUARTER_TURN("quarter turn"),
        /**
         * A circular shift by a tenth of the image (at least a pixel) right and down, about what a
         * random crop moves the image's content: whether crops may be taken anywhere or only about
         * the centre. Tested on the layout only (a shift leaves the gradient directions as they are).
         */
        SHIFT("shift");

        private final String text;

        Transform(String text) {
            this.text = text;
        }

        /** The transformed image. */
        public Image apply(Image image) {
            return switch (this) {
                case HORIZONTAL_FLIP -> flipped(image, true);
                case VERTICAL_FLIP -> flipped(image, false);
                case QUARTER_TURN -> ImageTransforms.rotate90(image, 1);
                case SHIFT -> shifted(image);
            };
        }

        /** The bin a gradient direction in bin {@code bin} falls in after the transform. */
        int bin(int bin) {
            return switch (this) {
                case HORIZONTAL_FLIP -> Math.floorMod(BINS / 2 - bin, BINS); // (gx, gy) -> (-gx, gy)
                case VERTICAL_FLIP -> Math.floorMod(-bin, BINS); // (gx, gy) -> (gx, -gy)
                case QUARTER_TURN -> Math.floorMod(bin + BINS / 4, BINS); // a quarter circle on: see orientationHistogram
                case SHIFT -> bin;
            };
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * What was measured for one transform: the largest asymmetry over the groups for each feature,
     * the group it came from, and the noise allowance there.
     *
     * @param layout the largest layout asymmetry
     * @param layoutGroup the group it was measured in
     * @param layoutNoise the noise level (99th percentile under random signs) in that group
     * @param orientation the largest orientation asymmetry
     * @param orientationGroup the group it was measured in
     * @param orientationNoise the noise level in that group
     * @param kept whether the transform is a symmetry of the collection
     * @param tested whether it was measured at all (false: images not square for the quarter
     *     turn, or no group large enough)
     */
    public record Measure(double layout, String layoutGroup, double layoutNoise, double orientation,
            String orientationGroup, double orientationNoise, boolean kept, boolean tested) {
    }

    private final Map<Transform, Measure> measures;
    private final int groups;

    private CollectionSymmetry(Map<Transform, Measure> measures, int groups) {
        this.measures = measures;
        this.groups = groups;
    }

    /**
     * Measures the symmetries of images that are all the same size and channels.
     *
     * @param images the images (samples in 0..1 as {@code NetworkInput.prepare} makes them)
     * @param classes each image's class index (0-based), or null to treat the collection as one group
     * @param names the class names by index for the log, or null
     * @throws IllegalArgumentException if the images differ in size or channels, or {@code classes}
     *     does not match them
     */
    public static CollectionSymmetry of(List<Image> images, int[] classes, List<String> names) {
        Objects.requireNonNull(images, "images");
        if (classes != null && classes.length != images.size()) {
            throw new IllegalArgumentException("symmetry: " + classes.length + " class indices for " + images.size()
                    + " images");
        }
        if (images.isEmpty()) {
            return allKept(0);
        }
        Image first = images.get(0);
        for (Image image : images) {
            if (image.width() != first.width() || image.height() != first.height()
                    || image.channels() != first.channels()) {
                throw new IllegalArgumentException("symmetry: all images must have one size, got " + first.width() + "x"
                        + first.height() + "x" + first.channels() + " and " + image.width() + "x" + image.height() + "x"
                        + image.channels());
            }
        }
        int classCount = classes == null ? 1 : java.util.stream.IntStream.of(classes).max().orElse(0) + 1;
        List<List<Integer>> members = new ArrayList<>();
        for (int c = 0; c < classCount; c++) {
            members.add(new ArrayList<>());
        }
        for (int i = 0; i < images.size(); i++) {
            int c = classes == null ? 0 : classes[i];
            if (c < 0) {
                throw new IllegalArgumentException("symmetry: negative class index " + c + " for image " + i);
            }
            members.get(c).add(i);
        }
        List<Transform> candidates = new ArrayList<>(List.of(Transform.HORIZONTAL_FLIP, Transform.VERTICAL_FLIP,
                Transform.SHIFT));
        boolean square = first.width() == first.height();
        if (square) {
            candidates.add(Transform.QUARTER_TURN);
        }
        Map<Transform, double[]> worst = new EnumMap<>(Transform.class); // layout, noise, orientation, noise
        Map<Transform, String[]> worstGroup = new EnumMap<>(Transform.class);
        Map<Transform, Boolean> kept = new EnumMap<>(Transform.class);
        for (Transform t : candidates) {
            worst.put(t, new double[] {Double.NEGATIVE_INFINITY, 0, Double.NEGATIVE_INFINITY, 0});
            worstGroup.put(t, new String[] {"", ""});
            kept.put(t, true);
        }
        int measured = 0;
        for (int c = 0; c < classCount; c++) {
            List<Integer> group = evenlySpaced(members.get(c), MAX_GROUP);
            if (group.size() < MIN_GROUP) {
                continue;
            }
            measured++;
            String name = classes == null ? "all images" : names != null && c < names.size() ? names.get(c) : "class " + c;
            List<float[]> histograms = new ArrayList<>(group.size());
            List<Image> layouts = new ArrayList<>(group.size());
            for (int i : group) {
                histograms.add(orientationHistogram(images.get(i)));
                layouts.add(layout(images.get(i)));
            }
            for (Transform t : candidates) {
                List<float[]> layoutChanges = new ArrayList<>(group.size());
                List<float[]> orientationChanges = new ArrayList<>(group.size());
                for (int k = 0; k < group.size(); k++) {
                    Image image = layouts.get(k);
                    layoutChanges.add(difference(image.samples(), t.apply(image).samples()));
                    float[] h = histograms.get(k);
                    float[] moved = new float[BINS];
                    for (int b = 0; b < BINS; b++) {
                        moved[t.bin(b)] += h[b];
                    }
                    orientationChanges.add(difference(h, moved));
                }
                long seed = 0x5E77L * 31 + c * 7L + t.ordinal();
                double[] layout = asymmetry(layoutChanges, new Random(seed));
                double[] orientation = asymmetry(orientationChanges, new Random(~seed));
                double[] w = worst.get(t);
                if (layout[0] > w[0]) {
                    w[0] = layout[0];
                    w[1] = layout[1];
                    worstGroup.get(t)[0] = name;
                }
                if (orientation[0] > w[2]) {
                    w[2] = orientation[0];
                    w[3] = orientation[1];
                    worstGroup.get(t)[1] = name;
                }
                if (!(below(layout) && below(orientation))) {
                    kept.put(t, false);
                }
            }
        }
        if (measured == 0) {
            return allKept(0);
        }
        Map<Transform, Measure> measures = new EnumMap<>(Transform.class);
        for (Transform t : Transform.values()) {
            if (!candidates.contains(t)) {
                measures.put(t, new Measure(Double.NaN, "", Double.NaN, Double.NaN, "", Double.NaN, false, false));
                continue;
            }
            double[] w = worst.get(t);
            measures.put(t, new Measure(w[0], worstGroup.get(t)[0], w[1], w[2], worstGroup.get(t)[1], w[3], kept.get(t),
                    true));
        }
        return new CollectionSymmetry(measures, measured);
    }

    /** Nothing measured: every transform assumed to be a symmetry. */
    private static CollectionSymmetry allKept(int groups) {
        Map<Transform, Measure> measures = new EnumMap<>(Transform.class);
        for (Transform t : Transform.values()) {
            measures.put(t, new Measure(Double.NaN, "", Double.NaN, Double.NaN, "", Double.NaN, true, false));
        }
        return new CollectionSymmetry(measures, groups);
    }

    private static boolean below(double[] asymmetry) {
        return asymmetry[0] < Math.max(MAX_ASYMMETRY, asymmetry[1]);
    }

    /** Whether the collection looks the same under {@code transform}. */
    public boolean holds(Transform transform) {
        return measures.get(transform).kept();
    }

    /** What was measured for {@code transform}. */
    public Measure measure(Transform transform) {
        return measures.get(transform);
    }

    /** Groups (classes, or the whole collection) that were large enough to measure. */
    public int groups() {
        return groups;
    }

    /**
     * The asymmetry of the changes {@code d} and its noise level: {@code {rho, q99}}, where q99 is
     * the 99th percentile of rho with the changes' signs drawn at random.
     */
    static double[] asymmetry(List<float[]> changes, Random random) {
        int n = changes.size();
        double[][] gram = new double[n][n];
        double trace = 0;
        for (int i = 0; i < n; i++) {
            float[] a = changes.get(i);
            for (int j = 0; j <= i; j++) {
                float[] b = changes.get(j);
                double dot = 0;
                for (int k = 0; k < a.length; k++) {
                    dot += (double) a[k] * b[k];
                }
                gram[i][j] = dot;
                gram[j][i] = dot;
            }
            trace += gram[i][i];
        }
        if (!(trace > 1e-12 * n)) {
            return new double[] {0, 0}; // every image is its own transform: nothing changes
        }
        double observed = rho(gram, null, trace);
        double[] draws = new double[NULL_DRAWS];
        int[] signs = new int[n];
        for (int r = 0; r < NULL_DRAWS; r++) {
            for (int i = 0; i < n; i++) {
                signs[i] = random.nextBoolean() ? 1 : -1;
            }
            draws[r] = rho(gram, signs, trace);
        }
        java.util.Arrays.sort(draws);
        return new double[] {observed, draws[(int) Math.ceil(0.99 * NULL_DRAWS) - 1]};
    }

    private static double rho(double[][] gram, int[] signs, double trace) {
        int n = gram.length;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double row = 0;
            for (int j = 0; j < n; j++) {
                row += signs == null ? gram[i][j] : signs[j] * gram[i][j];
            }
            sum += signs == null ? row : signs[i] * row;
        }
        return (sum - trace) / ((n - 1) * trace);
    }

    /**
     * The image's histogram of gradient directions: the grey intensity's differences across each
     * 2x2 block of pixels (which flips and quarter turns map onto blocks, and which see even
     * two-pixel stripes), direction {@code atan2(-gy, gx)} (y pointing up, so a counter-clockwise
     * quarter turn adds a quarter circle), magnitude-weighted, linearly interpolated between the
     * {@value #BINS} bin centres, summing to 1 (all zero for a constant image).
     */
    static float[] orientationHistogram(Image image) {
        int w = image.width();
        int h = image.height();
        float[] grey = image.channels() == 1 ? image.samples() : image.greyIntensities();
        double[] bins = new double[BINS];
        double total = 0;
        for (int y = 0; y < h - 1; y++) {
            for (int x = 0; x < w - 1; x++) {
                double topLeft = grey[y * w + x];
                double topRight = grey[y * w + x + 1];
                double bottomLeft = grey[(y + 1) * w + x];
                double bottomRight = grey[(y + 1) * w + x + 1];
                double gx = topRight + bottomRight - topLeft - bottomLeft;
                double gy = bottomLeft + bottomRight - topLeft - topRight;
                double magnitude = Math.hypot(gx, gy);
                if (magnitude == 0) {
                    continue;
                }
                double position = Math.atan2(-gy, gx) / (2 * Math.PI) * BINS;
                double lower = Math.floor(position);
                double share = position - lower;
                int bin = Math.floorMod((int) lower, BINS);
                bins[bin] += magnitude * (1 - share);
                bins[(bin + 1) % BINS] += magnitude * share;
                total += magnitude;
            }
        }
        float[] histogram = new float[BINS];
        for (int b = 0; b < BINS && total > 0; b++) {
            histogram[b] = (float) (bins[b] / total);
        }
        return histogram;
    }

    /** The image shrunk (keeping its aspect ratio) to at most {@value #LAYOUT_SIDE} pixels a side, for the layout. */
    private static Image layout(Image image) {
        int side = Math.max(image.width(), image.height());
        if (side <= LAYOUT_SIDE) {
            return image;
        }
        double shrink = (double) LAYOUT_SIDE / side;
        return image.resize(Math.max(1, (int) Math.round(image.width() * shrink)),
                Math.max(1, (int) Math.round(image.height() * shrink)));
    }

    private static float[] difference(float[] a, float[] b) {
        float[] d = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            d[i] = a[i] - b[i];
        }
        return d;
    }

    private static List<Integer> evenlySpaced(List<Integer> indices, int limit) {
        if (indices.size() <= limit) {
            return indices;
        }
        List<Integer> chosen = new ArrayList<>(limit);
        for (int i = 0; i < limit; i++) {
            chosen.add(indices.get((int) ((long) i * indices.size() / limit)));
        }
        return chosen;
    }

    private static Image shifted(Image image) {
        int w = image.width();
        int h = image.height();
        int c = image.channels();
        int dx = Math.max(1, Math.round(w / 10f));
        int dy = Math.max(1, Math.round(h / 10f));
        float[] in = image.samples();
        float[] out = new float[in.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                System.arraycopy(in, (((y - dy + h) % h) * w + (x - dx + w) % w) * c, out, (y * w + x) * c, c);
            }
        }
        return Image.of(w, h, c, image.depth(), out);
    }

    private static Image flipped(Image image, boolean horizontal) {
        int w = image.width();
        int h = image.height();
        int c = image.channels();
        float[] in = image.samples();
        float[] out = new float[in.length];
        for (int y = 0; y < h; y++) {
            int sy = horizontal ? y : h - 1 - y;
            for (int x = 0; x < w; x++) {
                int sx = horizontal ? w - 1 - x : x;
                System.arraycopy(in, (sy * w + sx) * c, out, (y * w + x) * c, c);
            }
        }
        return Image.of(w, h, c, image.depth(), out);
    }

    /** Per transform: kept or dropped, with the largest asymmetries (and their noise levels) that decided it. */
    @Override
    public String toString() {
        if (groups == 0) {
            return "no group of at least " + MIN_GROUP + " images to measure; every transform kept";
        }
        List<String> parts = new ArrayList<>();
        for (Transform t : Transform.values()) {
            Measure m = measures.get(t);
            if (!m.tested()) {
                parts.add(t + " not tested (images not square)");
                continue;
            }
            parts.add(String.format(Locale.ROOT, "%s %s (asymmetry: layout %.3f in %s, noise %.3f; orientation %.3f"
                    + " in %s, noise %.3f; limit %.2f)", t, m.kept() ? "kept" : "dropped", m.layout(), m.layoutGroup(),
                    m.layoutNoise(), m.orientation(), m.orientationGroup(), m.orientationNoise(), MAX_ASYMMETRY));
        }
        return String.join("; ", parts) + " over " + groups + (groups == 1 ? " group" : " groups");
    }
}
