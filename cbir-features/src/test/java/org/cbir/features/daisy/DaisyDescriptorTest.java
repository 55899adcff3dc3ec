package org.cbir.features.daisy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DaisyDescriptorTest {

    @Test
    void defaultsAreScikitImages() {
        DaisyDescriptor d = DaisyDescriptor.scikitImageDefaults();
        assertEquals(4, d.step());
        assertEquals(15, d.radius());
        assertEquals(3, d.rings());
        assertEquals(8, d.histograms());
        assertEquals(8, d.orientations());
        assertEquals(DaisyNormalization.L1, d.normalization());
        // skimage: sigmas = [15 * i / 6 for i in 1..3], centre gets the first; radii 15 * i / 3
        assertArrayEquals(new double[] {2.5, 2.5, 5.0, 7.5}, d.sigmas());
        assertArrayEquals(new double[] {5.0, 10.0, 15.0}, d.ringRadii());
        assertEquals((3 * 8 + 1) * 8, d.length());
        assertEquals(31, d.minimumSize());
    }

    @Test
    void gridHasCeilOfUsableSpanOverStep() {
        DaisyDescriptor d = DaisyDescriptor.scikitImageDefaults();
        assertEquals(18, d.gridRows(100)); // ceil(70 / 4)
        assertEquals(1, d.gridColumns(31));
        assertEquals(1, d.gridColumns(34)); // ceil(4 / 4)
        assertEquals(2, d.gridColumns(35));
        DenseDaisy dense = d.describe(new float[45 * 38], 45, 38);
        assertEquals(2, dense.rows());
        assertEquals(4, dense.columns());
    }

    @Test
    void ringRadiiDecideRingsAndRadius() {
        DaisyDescriptor d = DaisyDescriptor.builder().ringRadii(3, 7).build();
        assertEquals(2, d.rings());
        assertEquals(7, d.radius());
        assertArrayEquals(new double[] {1.75, 1.75, 3.5}, d.sigmas());
        DaisyDescriptor s = DaisyDescriptor.builder().radius(12).sigmas(1, 2).build();
        assertEquals(1, s.rings());
        assertArrayEquals(new double[] {12.0}, s.ringRadii());
    }

    @Test
    void scikitImageSigmasReproduceItsShift() {
        // skimage 0.19 smooths the centre and the first ring with sigmas[0], ring i with sigmas[i]
        DaisyDescriptor d = DaisyDescriptor.builder().scikitImageSigmas(6, 4, 9).ringRadii(2, 3).build();
        assertArrayEquals(new double[] {6, 6, 4}, d.sigmas());
    }

    @Test
    void contradictionsAndBadValuesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> DaisyDescriptor.builder().rings(2).ringRadii(1, 2, 3).build());
        assertThrows(IllegalArgumentException.class, () -> DaisyDescriptor.builder().radius(5).ringRadii(2, 4).build());
        assertThrows(IllegalArgumentException.class, () -> DaisyDescriptor.builder().sigmas(1, 2).ringRadii(2, 4).build());
        assertThrows(IllegalArgumentException.class, () -> DaisyDescriptor.builder().ringRadii(2, 4.5).build());
        assertThrows(IllegalArgumentException.class, () -> DaisyDescriptor.builder().ringRadii(5, 3).build());
        assertThrows(IllegalArgumentException.class, () -> DaisyDescriptor.builder().ringRadii(0, 3).build());
        assertThrows(IllegalArgumentException.class, () -> DaisyDescriptor.builder().sigmas(1, -2, 3, 4).build());
        assertThrows(IllegalArgumentException.class, () -> DaisyDescriptor.builder().sigmas(1, Double.NaN, 3, 4).build());
        assertThrows(IllegalArgumentException.class, () -> DaisyDescriptor.builder().step(0).build());
        assertThrows(IllegalArgumentException.class, () -> DaisyDescriptor.builder().radius(0).build());
        assertThrows(IllegalArgumentException.class, () -> DaisyDescriptor.builder().rings(0).build());
        assertThrows(IllegalArgumentException.class, () -> DaisyDescriptor.builder().histograms(0).build());
        assertThrows(IllegalArgumentException.class, () -> DaisyDescriptor.builder().orientations(0).build());
        assertThrows(IllegalArgumentException.class, () -> DaisyDescriptor.builder().orientations(361).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DaisyDescriptor.builder().rings(4).sigmas(1, 2, 3).build());
        assertTrue(e.getMessage().contains("rings"), e.getMessage());
    }

    @Test
    void imagesBelowTheMinimumOrMalformedAreRefused() {
        DaisyDescriptor d = DaisyDescriptor.scikitImageDefaults();
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> d.describe(new float[30 * 40], 30, 40));
        assertTrue(small.getMessage().contains("31x31") && small.getMessage().contains("30x40"), small.getMessage());
        assertThrows(IllegalArgumentException.class, () -> d.describe(new float[10], 40, 40));
        float[] nan = new float[40 * 40];
        nan[7] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> d.describe(nan, 40, 40));
    }

    @Test
    void constantImageGivesTheNormalisedEpsilon() {
        // no gradient: every bin is 0, normalisation adds 1e-10 to each bin first
        float[] flat = new float[21 * 21];
        Arrays.fill(flat, 0.4f);
        DaisyDescriptor.Builder b = DaisyDescriptor.builder().radius(6).rings(2).histograms(4).orientations(6);
        int length = (2 * 4 + 1) * 6;
        for (float v : b.build().describe(flat, 21, 21).values()) {
            assertEquals(1.0 / length, v, 1e-7);
        }
        for (float v : b.normalization(DaisyNormalization.L2).build().describe(flat, 21, 21).values()) {
            assertEquals(1.0 / Math.sqrt(length), v, 1e-7);
        }
        for (float v : b.normalization(DaisyNormalization.DAISY).build().describe(flat, 21, 21).values()) {
            assertEquals(1.0 / Math.sqrt(6), v, 1e-7);
        }
        for (float v : b.normalization(DaisyNormalization.OFF).build().describe(flat, 21, 21).values()) {
            assertEquals(0f, v);
        }
    }

    @Test
    void normalisationsGiveUnitNorms() {
        Random random = new Random(42);
        float[] grey = new float[40 * 33];
        for (int i = 0; i < grey.length; i++) {
            grey[i] = random.nextFloat();
        }
        DaisyDescriptor.Builder b = DaisyDescriptor.builder().radius(8).step(5);
        DenseDaisy l1 = b.normalization(DaisyNormalization.L1).build().describe(grey, 33, 40);
        DenseDaisy l2 = b.normalization(DaisyNormalization.L2).build().describe(grey, 33, 40);
        DenseDaisy daisy = b.normalization(DaisyNormalization.DAISY).build().describe(grey, 33, 40);
        for (int r = 0; r < l1.rows(); r++) {
            for (int c = 0; c < l1.columns(); c++) {
                double sum = 0;
                double squares = 0;
                for (float v : l1.descriptor(r, c)) {
                    sum += v;
                }
                for (float v : l2.descriptor(r, c)) {
                    squares += v * v;
                }
                assertEquals(1.0, sum, 1e-5);
                assertEquals(1.0, squares, 1e-5);
                float[] d = daisy.descriptor(r, c);
                for (int h = 0; h < d.length; h += 8) {
                    double hist = 0;
                    for (int o = h; o < h + 8; o++) {
                        hist += d[o] * d[o];
                    }
                    assertEquals(1.0, hist, 1e-5);
                }
            }
        }
    }

    @Test
    void denseAccessorsAgreeAndCopy() {
        Random random = new Random(7);
        float[] grey = new float[25 * 25];
        for (int i = 0; i < grey.length; i++) {
            grey[i] = random.nextFloat();
        }
        DenseDaisy dense = DaisyDescriptor.builder().radius(5).step(3).build().describe(grey, 25, 25);
        float[] all = dense.values();
        assertEquals(dense.rows() * dense.columns() * dense.length(), all.length);
        float[] d = dense.descriptor(2, 1);
        assertEquals(all[(2 * dense.columns() + 1) * dense.length() + 4], d[4]);
        assertEquals(d[4], dense.value(2, 1, 4));
        all[0] = 99;
        d[0] = 99;
        assertNotEquals(99f, dense.value(0, 0, 0));
        assertNotEquals(99f, dense.value(2, 1, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> dense.value(dense.rows(), 0, 0));
    }

    @Test
    void equalDescriptorsAreEqual() {
        assertEquals(DaisyDescriptor.scikitImageDefaults(),
                DaisyDescriptor.builder().ringRadii(5, 10, 15).sigmas(2.5, 2.5, 5, 7.5).build());
        assertEquals(DaisyDescriptor.scikitImageDefaults().hashCode(), DaisyDescriptor.builder().build().hashCode());
        assertNotEquals(DaisyDescriptor.scikitImageDefaults(), DaisyDescriptor.builder().step(3).build());
    }

    @Test
    void normalisationNamesRoundTrip() {
        for (DaisyNormalization n : DaisyNormalization.values()) {
            assertEquals(n, DaisyNormalization.fromId(n.id()));
        }
        assertThrows(IllegalArgumentException.class, () -> DaisyNormalization.fromId("l3"));
    }
}
