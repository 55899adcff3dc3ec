package org.cbir.spark;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sizes the read partitions of a collection of many small image files. Spark's file sources
 * charge every file {@code spark.sql.files.openCostInBytes} (4 MiB by default) on top of its
 * size when packing files into partitions, which for images of a few kilobytes makes far too
 * many tiny tasks (the 2,000 GISAXS samples took 241 s that way, 28-91 s once the cost was near
 * the file size). This sets the open cost to the mean file size of a sample of the listing, and
 * {@code spark.sql.files.maxPartitionBytes} so that each core gets about {@code tasksPerCore}
 * partitions (enough to balance the load and report progress, few enough to load a CNN once
 * per task). Both are session settings: they apply to the session's later file reads too.
 */
final class SmallFilePartitioning {
    private static final Logger LOG = LoggerFactory.getLogger(SmallFilePartitioning.class);
    private static final int SAMPLE = 64;

    private SmallFilePartitioning() {
    }

    static void configure(SparkSession spark, List<ListedImage> images, int tasksPerCore) throws IOException {
        Configuration hadoop = spark.sparkContext().hadoopConfiguration();
        int step = Math.max(1, images.size() / SAMPLE);
        long bytes = 0;
        int sampled = 0;
        for (int i = 0; i < images.size(); i += step) {
            Path path = new Path(images.get(i).location());
            if (path.getFileSystem(hadoop).exists(path)) {
                bytes += path.getFileSystem(hadoop).getFileStatus(path).getLen();
                sampled++;
            }
        }
        long mean = Math.max(1, sampled == 0 ? 1 << 16 : bytes / sampled);
        int cores = Math.max(1, spark.sparkContext().defaultParallelism());
        long perPartition = Math.max(mean, 2 * mean * images.size() / ((long) cores * tasksPerCore));
        spark.conf().set("spark.sql.files.openCostInBytes", Long.toString(mean));
        spark.conf().set("spark.sql.files.maxPartitionBytes", Long.toString(perPartition));
        LOG.info(String.format(Locale.ROOT, "%d images of about %d bytes: open cost %d, %d bytes per partition",
                images.size(), mean, mean, perPartition));
    }
}
