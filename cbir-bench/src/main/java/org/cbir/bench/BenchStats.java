package org.cbir.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/** What the benchmarks report beside their timings: summary statistics, process CPU time, machine load. */
final class BenchStats {
    private BenchStats() {
    }

    /** CPU time of the whole process (all threads, the collector's and the compiler's included). */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /**
     * The milliseconds the collectors have spent in collections so far, summed over their
     * {@link java.lang.management.GarbageCollectorMXBean}s (for G1, the pauses of its young and
     * mixed collections and of full ones), or 0 where the JVM does not tell.
     */
    static long collectorMillis() {
        long total = 0;
        for (var collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, collector.getCollectionTime());
        }
        return total;
    }

    /** The machine's 1-minute load average, or a negative value where the JVM cannot tell. */
    static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(Double.NaN);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int m = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[m] : (sorted[m - 1] + sorted[m]) / 2;
    }
}
