package org.cbir.features.daisy;

import java.util.ArrayList;
import java.util.List;

/**
 * One Gaussian smoothing of the orientation maps and the histograms sampled from it: the
 * centre histogram and every histogram of the rings that share its sigma (by default the
 * centre and the first ring share one). Each histogram is a slot in the descriptor and an
 * offset from the descriptor's centre. Immutable.
 */
final class SmoothingLevel {
    private final GaussianKernel kernel;
    private final int[] slots;
    private final int[] rowOffsets;
    private final int[] columnOffsets;

    private SmoothingLevel(double sigma, List<int[]> histograms) {
        this.kernel = new GaussianKernel(sigma);
        int n = histograms.size();
        slots = new int[n];
        rowOffsets = new int[n];
        columnOffsets = new int[n];
        for (int i = 0; i < n; i++) {
            int[] h = histograms.get(i);
            slots[i] = h[0];
            rowOffsets[i] = h[1];
            columnOffsets[i] = h[2];
        }
    }

    /**
     * The levels for a descriptor: slot 0 is the centre (sigma {@code sigmas[0]}), slot
     * {@code 1 + ring * histograms + j} histogram {@code j} of a ring, at angle
     * {@code 2 pi j / histograms}, its offset rounded half to even as Python's {@code round}.
     */
    static List<SmoothingLevel> plan(double[] sigmas, double[] ringRadii, int histograms) {
        List<Double> sigmaOrder = new ArrayList<>();
        List<List<int[]>> members = new ArrayList<>();
        add(sigmaOrder, members, sigmas[0], new int[] {0, 0, 0});
        for (int ring = 0; ring < ringRadii.length; ring++) {
            for (int j = 0; j < histograms; j++) {
                double theta = 2 * Math.PI * j / histograms;
                int dy = (int) Math.rint(ringRadii[ring] * Math.sin(theta));
                int dx = (int) Math.rint(ringRadii[ring] * Math.cos(theta));
                add(sigmaOrder, members, sigmas[ring + 1], new int[] {1 + ring * histograms + j, dy, dx});
            }
        }
        List<SmoothingLevel> levels = new ArrayList<>();
        for (int i = 0; i < sigmaOrder.size(); i++) {
            levels.add(new SmoothingLevel(sigmaOrder.get(i), members.get(i)));
        }
        return List.copyOf(levels);
    }

    private static void add(List<Double> sigmaOrder, List<List<int[]>> members, double sigma, int[] histogram) {
        int at = sigmaOrder.indexOf(sigma);
        if (at < 0) {
            sigmaOrder.add(sigma);
            members.add(new ArrayList<>());
            at = sigmaOrder.size() - 1;
        }
        members.get(at).add(histogram);
    }

    GaussianKernel kernel() {
        return kernel;
    }

    int histogramCount() {
        return slots.length;
    }

    /** Descriptor slot (histogram index) of histogram {@code i}. */
    int slot(int i) {
        return slots[i];
    }

    int rowOffset(int i) {
        return rowOffsets[i];
    }

    int columnOffset(int i) {
        return columnOffsets[i];
    }
}
