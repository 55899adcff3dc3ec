package org.cbir.metrics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cbir.core.ComponentSpec;

/**
 * The SciPy reference distances of {@code metrics-reference.csv}, written by
 * {@code tools/metrics_reference.py}: vector pairs and, per metric spec, the expected distance.
 */
final class ReferenceFixture {
    static final String RESOURCE = "/metrics-reference.csv";

    /** One pair and its expected distance under one metric spec. */
    record Expectation(String caseName, ComponentSpec spec, float[] a, float[] b, double expected) {
    }

    private static final List<Expectation> ALL = load();

    private ReferenceFixture() {
    }

    /** The expectations for metrics of the given type, any parameters. */
    static List<Expectation> forType(String type) {
        return ALL.stream().filter(e -> e.spec().type().equals(type)).toList();
    }

    private static List<Expectation> load() {
        try (InputStream in = ReferenceFixture.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing; run tools/metrics_reference.py");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<ComponentSpec> specs = null;
            List<Expectation> out = new ArrayList<>();
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] cells = line.split(",", -1);
                if (specs == null) {
                    specs = new ArrayList<>();
                    for (int c = 3; c < cells.length; c++) {
                        specs.add(parseSpec(cells[c]));
                    }
                    continue;
                }
                if (cells.length != specs.size() + 3) {
                    throw new IllegalStateException(RESOURCE + " line " + lineNumber + ": " + cells.length + " cells");
                }
                float[] a = parseVector(cells[1]);
                float[] b = parseVector(cells[2]);
                for (int c = 3; c < cells.length; c++) {
                    if (!cells[c].isEmpty()) {
                        out.add(new Expectation(cells[0], specs.get(c - 3), a, b, parseNumber(cells[c])));
                    }
                }
            }
            return List.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code type} or {@code type:name=value:name=value}. */
    private static ComponentSpec parseSpec(String text) {
        String[] parts = text.split(":");
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String[] nameValue = parts[i].split("=", 2);
            parameters.put(nameValue[0], nameValue[1]);
        }
        return new ComponentSpec(parts[0], parameters);
    }

    private static float[] parseVector(String text) {
        String[] tokens = text.trim().split(" ");
        float[] v = new float[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            v[i] = Float.parseFloat(tokens[i]);
        }
        return v;
    }

    private static double parseNumber(String text) {
        return switch (text) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> Double.parseDouble(text);
        };
    }
}
