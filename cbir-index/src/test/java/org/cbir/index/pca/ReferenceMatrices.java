package org.cbir.index.pca;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/** The named matrices of {@code pca-reference.txt}, written by {@code tools/pca_reference.py}. */
final class ReferenceMatrices {
    private static final Map<String, double[][]> MATRICES = read("/pca-reference.txt");

    private ReferenceMatrices() {
    }

    /** The matrix called {@code name}; fails when the fixture lacks it. */
    static double[][] get(String name) {
        return Objects.requireNonNull(MATRICES.get(name), () -> "fixture has no matrix " + name);
    }

    /** A 1 x n matrix as a vector. */
    static double[] vector(String name) {
        return get(name)[0];
    }

    private static Map<String, double[][]> read(String resource) {
        Map<String, double[][]> matrices = new HashMap<>();
        try (InputStream in = ReferenceMatrices.class.getResourceAsStream(resource);
                BufferedReader reader = new BufferedReader(new InputStreamReader(
                        Objects.requireNonNull(in, resource), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith("#")) {
                    continue;
                }
                String[] header = line.split(" ");
                if (header.length != 4 || !header[0].equals("matrix")) {
                    throw new IllegalStateException("unexpected fixture line: " + line);
                }
                int rows = Integer.parseInt(header[2]);
                int cols = Integer.parseInt(header[3]);
                double[][] m = new double[rows][];
                for (int r = 0; r < rows; r++) {
                    String[] cells = reader.readLine().split(" ");
                    if (cells.length != cols) {
                        throw new IllegalStateException(header[1] + " row " + r + " has " + cells.length + " values");
                    }
                    m[r] = new double[cols];
                    for (int c = 0; c < cols; c++) {
                        m[r][c] = Double.parseDouble(cells[c]);
                    }
                }
                matrices.put(header[1], m);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return matrices;
    }
}
