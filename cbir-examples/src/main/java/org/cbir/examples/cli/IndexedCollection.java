package org.cbir.examples.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cbir.cli.SearchOptions;
import org.cbir.core.ImageRecord;
import org.cbir.core.Index;
import org.cbir.core.IndexView;
import org.cbir.core.IndexingReport;
import org.cbir.core.ProgressListener;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.collection.ImageCollection;

/**
 * A collection indexed with the pipeline that {@link SearchOptions} describe, for the commands
 * that analyse all signatures at once ({@code label}, {@code group}, {@code duplicates}).
 */
record IndexedCollection(RetrievalPipeline pipeline, IndexView index, List<ImageRecord> records, IndexingReport report) {

    /**
     * Fits the pipeline on {@code training} when it needs fitting, then indexes {@code images}.
     *
     * @throws IllegalStateException if no image could be indexed
     */
    static IndexedCollection of(SearchOptions options, ImageCollection training, ImageCollection images,
            ProgressListener progress) {
        RetrievalPipeline pipeline = options.pipeline().build();
        if (options.needsFit()) {
            pipeline.fit(training, progress);
        }
        IndexingReport report = pipeline.addAll(images, progress);
        IndexView index = pipeline.index().filter(i -> i.size() > 0)
                .orElseThrow(() -> new IllegalStateException("none of the " + images.size() + " images could be read"));
        List<ImageRecord> records = new ArrayList<>(pipeline.records());
        records.sort(Comparator.comparingLong(ImageRecord::id));
        return new IndexedCollection(pipeline, index, List.copyOf(records), report);
    }

    long[] ids() {
        return records.stream().mapToLong(ImageRecord::id).toArray();
    }

    Map<Long, String> paths() {
        Map<Long, String> paths = new HashMap<>();
        records.forEach(r -> paths.put(r.id(), r.path()));
        return paths;
    }

    Map<Long, ImageRecord> byId() {
        Map<Long, ImageRecord> byId = new HashMap<>();
        records.forEach(r -> byId.put(r.id(), r));
        return byId;
    }
}
