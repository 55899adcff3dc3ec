package org.cbir.core.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Reads the sample tables written by {@code tools/image_fixtures.py}: a line
 * {@code width height channels depth}, then one line of samples per image row.
 */
final class SampleTable {
    private SampleTable() {
    }

    /** The folder of the fixture images (test resources are on the file system under Maven). */
    static Path fixtures(String folder) {
        try {
            return Path.of(SampleTable.class.getResource("/images/" + folder).toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The one table of {@code /images/<resource>}. */
    static Image load(String resource) {
        return parse(lines(resource).iterator());
    }

    /** The tables of a conversion case: {@code [input, expected]}. */
    static Image[] loadCase(String name) {
        Iterator<String> it = lines("conversions/" + name + ".txt").iterator();
        expectWord(it, "input");
        Image input = parse(it);
        expectWord(it, "expected");
        Image expected = parse(it);
        return new Image[] {input, expected};
    }

    private static void expectWord(Iterator<String> it, String word) {
        String line = it.next();
        if (!line.equals(word)) {
            throw new IllegalStateException("expected '" + word + "', found '" + line + "'");
        }
    }

    private static Image parse(Iterator<String> it) {
        String[] header = it.next().split(" ");
        int w = Integer.parseInt(header[0]);
        int h = Integer.parseInt(header[1]);
        int c = Integer.parseInt(header[2]);
        SampleDepth depth = SampleDepth.valueOf(header[3]);
        float[] samples = new float[w * h * c];
        for (int y = 0; y < h; y++) {
            String[] row = it.next().trim().split("\\s+");
            if (row.length != w * c) {
                throw new IllegalStateException("row " + y + " has " + row.length + " samples, expected " + w * c);
            }
            for (int i = 0; i < row.length; i++) {
                samples[y * w * c + i] = (float) Double.parseDouble(row[i]);
            }
        }
        return Image.of(w, h, c, depth, samples);
    }

    private static List<String> lines(String resource) {
        try (InputStream in = SampleTable.class.getResourceAsStream("/images/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /images/" + resource);
            }
            List<String> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    out.add(line.strip());
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
