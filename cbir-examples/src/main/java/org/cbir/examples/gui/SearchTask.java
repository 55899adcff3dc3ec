package org.cbir.examples.gui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import org.cbir.core.ImageRecord;
import org.cbir.core.IndexingReport;
import org.cbir.core.Match;
import org.cbir.core.ProgressListener;
import org.cbir.core.QueryResult;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.cbir.core.image.Image;
import org.cbir.core.image.Images;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The work behind the Run button, on a worker thread: index the database (fit first when the
 * reducer needs it) or load the store, unless {@code previous} already serves the same database
 * and options; then query every query image and make the thumbnails of the queries and their
 * matches. Interrupting the thread cancels it with a {@link CancellationException} (within one
 * indexing batch or one query). Each run is used once, on one thread.
 */
final class SearchTask {
    private static final Logger LOG = LoggerFactory.getLogger(SearchTask.class);
    /** The side of the square thumbnails fit into, in pixels. */
    static final int CELL = 112;

    /** The pipeline used and the rows it produced. */
    record Outcome(IndexedPipeline indexed, SearchResults results) {
    }

    private final DatabaseSource source;
    private final RetrievalSettings settings;
    private final List<Path> queries;
    private final IndexedPipeline previous;
    private final ProgressListener progress;

    /**
     * @param previous the pipeline of the last search, or {@code null}
     * @param progress told of indexing ({@code "indexing"}, ...) and of {@code "querying"}
     */
    SearchTask(DatabaseSource source, RetrievalSettings settings, List<Path> queries, IndexedPipeline previous,
               ProgressListener progress) {
        this.source = Objects.requireNonNull(source, "source");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.queries = List.copyOf(queries);
        this.previous = previous;
        this.progress = Objects.requireNonNull(progress, "progress");
    }

    Outcome run() throws IOException {
        IndexedPipeline indexed = previous != null && previous.serves(source, settings) ? previous : index(source, settings, progress);
        List<ImageEntry.File> entries = QueryInputs.resolve(queries, indexed.labels());
        Map<String, BufferedThumbnail> thumbnails = new HashMap<>();
        List<QueryRow> rows = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            checkNotCancelled();
            ImageEntry.File entry = entries.get(i);
            Image image = entry.load();
            QueryResult result = indexed.pipeline().query(image, settings.k());
            List<BufferedImage> matchThumbnails = new ArrayList<>();
            for (Match m : result.matches()) {
                matchThumbnails.add(thumbnails.computeIfAbsent(m.path(), SearchTask::matchThumbnail).image());
            }
            rows.add(new QueryRow(entry.path(), entry.label(), Thumbnails.fit(image, CELL), result, matchThumbnails));
            progress.onProgress("querying", i + 1, entries.size());
        }
        return new Outcome(indexed, new SearchResults(rows, indexed.pipeline(), indexed.summary()));
    }

    /** Loads the store, or builds, fits and indexes a pipeline over the database's images. */
    static IndexedPipeline index(DatabaseSource source, RetrievalSettings settings, ProgressListener progress)
            throws IOException {
        if (source.isStore()) {
            progress.onProgress("loading " + source.path().getFileName(), 0, -1);
            RetrievalPipeline pipeline = RetrievalPipeline.load(source.path());
            String summary = String.format(Locale.ROOT, "loaded %d images from %s (%s)", pipeline.size(),
                    source.path(), pipeline.describe());
            return new IndexedPipeline(source, settings, pipeline, labelsOf(pipeline), summary);
        }
        ImageCollection images = source.images();
        RetrievalPipeline pipeline = settings.pipeline().build();
        if (settings.needsFit()) {
            pipeline.fit(images, progress);
        }
        IndexingReport report = pipeline.addAll(images, progress);
        checkNotCancelled();
        StringBuilder summary = new StringBuilder(String.format(Locale.ROOT, "indexed %d images of %s (%d skipped) in %d ms",
                report.added(), source.path().toAbsolutePath().normalize(), report.skippedCount(), report.elapsed().toMillis()));
        if (report.skippedCount() > 0) {
            IndexingReport.SkippedImage first = report.skipped().get(0);
            summary.append("; first skipped: ").append(first.path()).append(": ").append(first.reason());
        }
        return new IndexedPipeline(source, settings, pipeline, images.labels(), summary.toString());
    }

    static void checkNotCancelled() {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("cancelled");
        }
    }

    private static Set<String> labelsOf(RetrievalPipeline pipeline) {
        Set<String> labels = new LinkedHashSet<>();
        for (ImageRecord r : pipeline.records()) {
            if (r.label() != null) {
                labels.add(r.label());
            }
        }
        return labels;
    }

    /** The thumbnail of a match's file; {@code null} inside when it cannot be read (drawn as a placeholder). */
    private static BufferedThumbnail matchThumbnail(String path) {
        try {
            return new BufferedThumbnail(Thumbnails.fit(Images.read(Path.of(path)), CELL));
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot draw match {}: {}", path, e.getMessage());
            return new BufferedThumbnail(null);
        }
    }

    /** A thumbnail or its absence, so that the cache remembers unreadable files too. */
    private record BufferedThumbnail(BufferedImage image) {
    }
}
