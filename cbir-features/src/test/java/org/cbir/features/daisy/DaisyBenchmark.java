package org.cbir.features.daisy;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cbir.core.image.Image;
import org.cbir.core.image.Images;

/**
 * A bench runner (not a unit test): single-thread time of {@link DaisyExtractor#extract} with
 * scikit-image's default parameters on the 100x100 GISAXS images of the pyCBIR samples. Run:
 * <pre>
 * ./mvnw -q -B -o -pl cbir-features -am test-compile
 * java -cp cbir-features/target/test-classes:cbir-features/target/classes:cbir-core/target/classes \
 *     org.cbir.features.daisy.DaisyBenchmark ../shared/data/pycbir-samples/gisaxs/database/bcc
 * </pre>
 * and compare, on the same machine in the same session, with scikit-image on the same images:
 * {@code OMP_NUM_THREADS=1 /usr/bin/python3 tools/daisy_reference.py --bench}.
 */
public final class DaisyBenchmark {
    private DaisyBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Path folder = Path.of(args.length > 0 ? args[0] : "../shared/data/pycbir-samples/gisaxs/database/bcc");
        List<Image> images = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "*.png")) {
            for (Path f : files) {
                if (images.size() < 50) {
                    images.add(Images.read(f));
                }
            }
        }
        DaisyExtractor extractor = DaisyExtractor.withDefaults();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double sink = 0;
        for (int round = 0; round < 8; round++) {
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            int n = 0;
            for (int repeat = 0; repeat < 4; repeat++) {
                for (Image image : images) {
                    sink += extractor.extract(image)[0];
                    n++;
                }
            }
            double ms = (System.nanoTime() - start) / 1e6 / n;
            double cpuMs = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6 / n;
            System.out.printf("round %d: %.3f ms wall, %.3f ms thread CPU per %dx%d image (%d images)%n",
                    round, ms, cpuMs, images.get(0).width(), images.get(0).height(), n);
        }
        System.out.println("checksum " + sink);
    }
}
