package org.cbir.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cbir.core.FeatureExtractor;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.core.image.Image;
import org.cbir.features.TextureDescriptors;
import org.cbir.features.daisy.DaisyExtractor;

/**
 * Descriptor throughput on 100x100 grey GISAXS patterns, one thread and all cores, printed as
 * the Markdown table of BENCHMARKS.md. Run by {@code tools/bench-descriptors.sh}, which also
 * times scikit-image on the same images in the same run.
 *
 * <p>Arguments: {@code [samples-dir] [images] [seconds] [skimage.tsv]} (defaults:
 * {@code ../shared/data/pycbir-samples}, 200, 5, none); the optional TSV holds scikit-image's
 * single-thread figures, one line per descriptor in this class's order, and adds the columns
 * that compare the two.
 */
public final class DescriptorThroughput {
    private DescriptorThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path samples = Path.of(args.length > 0 ? args[0] : "../shared/data/pycbir-samples");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 5;
        List<Image> images = load(samples.resolve("gisaxs").resolve("database"), count);
        int cores = Runtime.getRuntime().availableProcessors();
        ThroughputMeter meter = new ThroughputMeter(images, Math.max(1, seconds / 2), seconds);
        List<Double> skimage = args.length > 3 ? readSkimage(Path.of(args[3])) : List.of();
        System.out.printf(Locale.ROOT, "| descriptor | dimension | cbir, 1 thread (img per CPU-s) | cbir, %d threads (img/s)"
                + " | scikit-image, 1 thread (img per CPU-s) | speed-up, 1 thread |%n", cores);
        System.out.println("|---|---:|---:|---:|---:|---:|");
        int row = 0;
        for (Map.Entry<String, FeatureExtractor> e : descriptors().entrySet()) {
            FeatureExtractor extractor = e.getValue();
            double one = meter.imagesPerCpuSecond(extractor);
            double all = meter.imagesPerSecond(extractor, cores);
            String reference = row < skimage.size() ? String.format(Locale.ROOT, "%.0f", skimage.get(row)) : "-";
            String speedup = row < skimage.size() ? String.format(Locale.ROOT, "%.1fx", one / skimage.get(row)) : "-";
            System.out.printf(Locale.ROOT, "| %s | %d | %.0f | %.0f | %s | %s |%n", e.getKey(), extractor.dimension(),
                    one, all, reference, speedup);
            row++;
        }
    }

    /** The descriptors with the parameters that {@code tools/skimage_throughput.py} mirrors. */
    static Map<String, FeatureExtractor> descriptors() {
        Map<String, FeatureExtractor> d = new LinkedHashMap<>();
        d.put("first-order statistics + 32-bin histogram", FeatureExtractor.firstOrderStatistics(32));
        d.put("GLCM " + TextureDescriptors.glcm().spec().parameters(), TextureDescriptors.glcm());
        d.put("HOG " + TextureDescriptors.hog().spec().parameters(), TextureDescriptors.hog());
        d.put("LBP " + TextureDescriptors.lbp().spec().parameters(), TextureDescriptors.lbp());
        d.put("Daisy " + DaisyExtractor.withDefaults().spec().parameters(), DaisyExtractor.withDefaults());
        return d;
    }

    private static List<Double> readSkimage(Path tsv) throws IOException {
        List<Double> perSecond = new ArrayList<>();
        for (String line : Files.readAllLines(tsv)) {
            if (!line.isBlank()) {
                perSecond.add(Double.parseDouble(line.substring(line.lastIndexOf('\t') + 1)));
            }
        }
        return perSecond;
    }

    /** Every (size / count)-th image of the database in file order, so that all classes are present. */
    private static List<Image> load(Path database, int count) throws IOException {
        List<ImageEntry> entries = ImageCollection.fromFolder(database).entries();
        int stride = Math.max(1, entries.size() / count);
        List<Image> images = new ArrayList<>();
        for (int i = 0; i < entries.size() && images.size() < count; i += stride) {
            images.add(entries.get(i).load());
        }
        return images;
    }
}
