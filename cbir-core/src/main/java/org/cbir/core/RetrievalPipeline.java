package org.cbir.core;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.image.Image;
import org.cbir.core.internal.Durations;
import org.cbir.core.internal.index.ReadOnlyIndex;
import org.cbir.core.io.StoreDirectory;
import org.cbir.core.spi.ComponentRegistry;
import org.cbir.core.spi.ComponentRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reverse image search over a collection: extract a signature from each image, optionally
 * reduce it, store it in an index, and answer queries with the closest stored images.
 *
 * <pre>{@code
 * RetrievalPipeline pipeline = RetrievalPipeline.builder()
 *         .extractor(FeatureExtractor.firstOrderStatistics(32))
 *         .build();                                   // exact search, cosine distance
 * pipeline.addAll(ImageCollection.fromFolder(database), ProgressListener.NONE);
 * QueryResult result = pipeline.query(Images.read(query), 10);
 * pipeline.save(Path.of("gisaxs.cbir"));
 * }</pre>
 *
 * <p>{@link #fit} trains what needs training (a CNN extractor, the reducer) and must come
 * before the first {@link #addAll} when the pipeline has a reducer or a trainable extractor.
 * {@link #addAll} streams: images are decoded, extracted and dropped by worker threads, so
 * memory holds the signatures and at most one batch of images, never the collection's pixels.
 * An image that cannot be read or used is skipped and reported, unless the pipeline is
 * {@linkplain Builder#strict(boolean) strict}.
 *
 * <p>The pipeline's {@linkplain Builder#threads threads} bound its work: extraction runs on that
 * many workers, and searches run on a fork-join pool of that many threads (never on the JVM's
 * common pool), created on the first query. {@link #close} ends those threads and releases the
 * index, including the memory-mapped files of a {@linkplain LoadOptions#mapIndexFiles() mapped} index
 * (the mappings are unmapped once the index is garbage-collected):
 * <pre>{@code
 * try (RetrievalPipeline store = RetrievalPipeline.load(dir, LoadOptions.defaults().withMappedIndexFiles(true))) {
 *     QueryResult result = store.query(image, 10);
 * }
 * }</pre>
 *
 * <p>Thread-safe: queries run concurrently with each other and with {@link #add}/{@link #remove}
 * ({@link #addAll} and {@link #save} are serialised with other changes). Each added or removed
 * image changes the index and the records together, atomically for queries: a query sees an
 * image in both or in neither, so it never returns fewer matches than it should.
 */
public final class RetrievalPipeline implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RetrievalPipeline.class);

    private final Similarity similarity;
    private final IndexFactory indexFactory;
    private final Reducer reducerRecipe;
    private final PipelineOptions options;
    private final Map<Long, ImageRecord> records = new ConcurrentHashMap<>();
    private final AtomicLong nextId;
    private final ReentrantLock changes = new ReentrantLock();
    /** Shared by queries, exclusive for the short step that changes the index and the records together. */
    private final ReentrantReadWriteLock view = new ReentrantReadWriteLock();
    private final SearchThreads searchThreads;
    private volatile boolean closed;
    private volatile FeatureExtractor extractor;
    private volatile Reducer.Fitted reducer;
    private volatile Index index;
    private volatile boolean fitted;

    private RetrievalPipeline(Builder builder) {
        this.extractor = builder.extractor;
        this.similarity = builder.similarity;
        this.indexFactory = builder.indexFactory;
        this.reducerRecipe = builder.reducer;
        this.options = builder.options();
        this.nextId = new AtomicLong();
        this.searchThreads = new SearchThreads(options.threads());
        this.fitted = !extractor.isTrainable() && reducerRecipe == null;
    }

    /** Rebuilds a pipeline from saved parts; used by {@link PipelineStore}. */
    RetrievalPipeline(PipelineParts parts, PipelineOptions options) {
        this.extractor = parts.extractor();
        this.similarity = parts.similarity();
        this.indexFactory = parts.indexFactory();
        this.reducerRecipe = parts.reducerRecipe();
        this.reducer = parts.reducer();
        this.index = parts.index();
        this.options = options;
        this.nextId = new AtomicLong(parts.nextId());
        this.searchThreads = new SearchThreads(options.threads());
        for (ImageRecord r : parts.records()) {
            records.put(r.id(), r);
        }
        this.fitted = true;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Trains what needs training on {@code training}: a trainable extractor first, then the
     * reducer on the (trained) extractor's signatures of the same images. A no-op for a
     * pipeline that has neither. Must be called while the pipeline is empty.
     *
     * @throws IllegalArgumentException if {@code training} is empty
     * @throws IllegalStateException if images were already added (their signatures would no
     *     longer match), or every training image failed
     */
    public void fit(ImageCollection training, ProgressListener progress) {
        Objects.requireNonNull(training, "training");
        Objects.requireNonNull(progress, "progress");
        if (training.isEmpty()) {
            throw new IllegalArgumentException("the training collection is empty");
        }
        changes.lock();
        try {
            requireOpen();
            if (!records.isEmpty()) {
                throw new IllegalStateException("fit must come before addAll: the pipeline already holds "
                        + records.size() + " images");
            }
            if (extractor.isTrainable()) {
                LOG.info("training {} on {} images", extractor.spec(), training.size());
                extractor = extractor.fit(training, progress);
            }
            if (reducerRecipe != null) {
                BatchExtractor batch = new BatchExtractor(extractor, null, options);
                List<float[]> sample = new ArrayList<>(training.size());
                IndexingReport report = batch.run(training, progress, "extracting for " + reducerRecipe.spec().type(),
                        (entry, signature) -> sample.add(signature));
                if (sample.isEmpty()) {
                    throw new IllegalStateException("no training image could be used: " + report.skipped());
                }
                LOG.info("fitting {} on {} signatures", reducerRecipe.spec(), sample.size());
                reducer = reducerRecipe.fit(sample);
            }
            index = null;
            fitted = true;
        } finally {
            changes.unlock();
        }
    }

    /** {@link #fit(ImageCollection, ProgressListener)} without progress reports. */
    public void fit(ImageCollection training) {
        fit(training, ProgressListener.NONE);
    }

    /**
     * Extracts and indexes every image of {@code collection}, in parallel over the pipeline's
     * threads, in collection order of ids. Unusable images are skipped and listed in the report
     * (in strict mode the first one aborts the call with an {@link IndexingException}; images
     * indexed before it stay). Interrupting the calling thread stops the call after the
     * current batch with a {@link java.util.concurrent.CancellationException}.
     *
     * @throws IllegalArgumentException if the collection is empty
     * @throws IllegalStateException if the pipeline needs {@link #fit} first
     */
    public IndexingReport addAll(ImageCollection collection, ProgressListener progress) {
        Objects.requireNonNull(collection, "collection");
        Objects.requireNonNull(progress, "progress");
        if (collection.isEmpty()) {
            throw new IllegalArgumentException("the collection to index is empty");
        }
        requireFitted();
        changes.lock();
        try {
            requireOpen();
            BatchExtractor batch = new BatchExtractor(extractor, reducer, options);
            IndexingReport report = batch.run(collection, progress, "indexing",
                    (entry, signature) -> store(entry.name(), entry.label(), entry.metadata(), signature));
            LOG.info("indexed {} images ({} skipped) in {}", report.added(), report.skippedCount(),
                    Durations.humane(report.elapsed()));
            return report;
        } finally {
            changes.unlock();
        }
    }

    /** {@link #addAll(ImageCollection, ProgressListener)} without progress reports. */
    public IndexingReport addAll(ImageCollection collection) {
        return addAll(collection, ProgressListener.NONE);
    }

    /**
     * Indexes one image under {@code name} (shown in results) and {@code label} (may be null).
     *
     * @return the id the image was given
     */
    public long add(Image image, String name, String label) {
        return add(image, name, label, Map.of());
    }

    /**
     * Indexes one image under {@code name}, {@code label} (may be null) and the user's
     * {@code metadata}, which every match of the image returns and {@link RecordFilter}s select on.
     *
     * @return the id the image was given
     * @throws IllegalArgumentException if a metadata key or value breaks {@link Metadata}'s rules
     */
    public long add(Image image, String name, String label, Map<String, String> metadata) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(name, "name");
        Map<String, String> checked = Metadata.copyOf(metadata);
        requireFitted();
        float[] signature;
        try {
            signature = signature(image);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
        changes.lock();
        try {
            requireOpen();
            return store(name, label, checked, signature);
        } finally {
            changes.unlock();
        }
    }

    /**
     * Indexes a signature this pipeline's parts produced elsewhere (on another machine, by
     * {@link #signature} of an {@link #emptyCopy()}) under the id it was given there; later
     * {@link #add}s get ids above it. Used to serve a collection that a cluster extracted.
     *
     * @throws IllegalArgumentException if the id is negative or already present, or the
     *     signature's length is not {@link #dimension()}
     * @throws IllegalStateException if the pipeline needs {@link #fit} first
     */
    public void addSignature(long id, String path, String label, float[] signature) {
        Objects.requireNonNull(path, "path");
        Index.requireDimension(signature, dimension(), "the signature of " + path);
        BatchExtractor.requireFinite(signature, "the signature of " + path);
        if (id < 0) {
            throw new IllegalArgumentException("ids are not negative, got " + id + " for " + path);
        }
        requireFitted();
        changes.lock();
        try {
            if (records.containsKey(id)) {
                throw new IllegalArgumentException("id " + id + " is already taken by " + records.get(id).path()
                        + ", cannot add " + path);
            }
            if (index == null) {
                index = indexFactory.create(dimension(), similarity);
            }
            view.writeLock().lock();
            try {
                index.add(id, signature);
                records.put(id, new ImageRecord(id, path, label));
            } finally {
                view.writeLock().unlock();
            }
            nextId.accumulateAndGet(id + 1, Math::max);
        } finally {
            changes.unlock();
        }
    }

    /**
     * A new pipeline with this one's parts, fitted as this one is (the same trained extractor,
     * fitted reducer, index configuration and similarity), holding no images. Saved, it is the
     * small recipe that another machine restores to compute the same signatures.
     */
    public RetrievalPipeline emptyCopy() {
        changes.lock();
        try {
            PipelineParts parts = new PipelineParts(extractor, reducerRecipe, reducer, indexFactory,
                    indexFactory.create(dimension(), similarity), similarity, List.of(), 0);
            RetrievalPipeline copy = new RetrievalPipeline(parts, options);
            copy.fitted = fitted;
            return copy;
        } finally {
            changes.unlock();
        }
    }

    /** Removes the image with this id; returns whether there was one. */
    public boolean remove(long id) {
        changes.lock();
        try {
            view.writeLock().lock();
            try {
                boolean removed = index != null && index.remove(id);
                records.remove(id);
                return removed;
            } finally {
                view.writeLock().unlock();
            }
        } finally {
            changes.unlock();
        }
    }

    /**
     * The {@code k} indexed images closest to {@code image}, closest first, with the label
     * they vote for.
     *
     * @throws IllegalArgumentException if {@code k < 1} or the image is unusable by the extractor
     * @throws IllegalStateException if the pipeline holds no images
     */
    public QueryResult query(Image image, int k) {
        Objects.requireNonNull(image, "image");
        Index.requireK(k);
        float[] signature = signature(image);
        return searchThreads.run(() -> inView(() -> resultOf(requireIndex().search(signature, capped(k)))));
    }

    /**
     * The {@code k} indexed images closest to {@code image} among those that {@code where}
     * accepts (a label, metadata values), closest first; fewer when fewer images match. With
     * the exact index the result is the exact top k of the matching images; other indexes
     * filter as {@link Index#search(float[], int, Index.Filter)} says.
     *
     * @throws IllegalArgumentException if {@code k < 1} or the image is unusable by the extractor
     * @throws IllegalStateException if the pipeline holds no images
     */
    public QueryResult query(Image image, int k, RecordFilter where) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(where, "where");
        Index.requireK(k);
        float[] signature = signature(image);
        return searchThreads.run(() -> inView(() -> resultOf(requireIndex().search(signature, capped(k), filter(where)))));
    }

    /**
     * {@link #query} for many images, extracted in parallel and searched as one batch; results
     * in the order of {@code images}.
     */
    public List<QueryResult> queryAll(List<Image> images, int k) {
        Objects.requireNonNull(images, "images");
        Index.requireK(k);
        requireIndex();
        List<float[]> signatures = new BatchExtractor(extractor, reducer, options).signatures(images);
        return searchThreads.run(() -> inView(() -> {
            List<QueryResult> results = new ArrayList<>(images.size());
            for (List<Neighbor> neighbors : requireIndex().searchAll(signatures, capped(k))) {
                results.add(resultOf(neighbors));
            }
            return results;
        }));
    }

    /**
     * The signatures the pipeline stores for {@code images}, in order: extracted in parallel over
     * the pipeline's threads (a {@link BatchedFeatureExtractor} takes them as one batch), then
     * reduced. Equal to {@link #signature} of each.
     *
     * @throws IllegalArgumentException if an image is unusable by the extractor
     */
    public List<float[]> signatures(List<Image> images) {
        Objects.requireNonNull(images, "images");
        requireFitted();
        return new BatchExtractor(extractor, reducer, options).signatures(images);
    }

    /**
     * The k closest images to a signature this pipeline produced (by {@link #signature}); used
     * by evaluations that query with stored images. {@code exclude}, if not null, is left out.
     */
    public QueryResult queryBySignature(float[] signature, int k, Long exclude) {
        return queryBySignature(signature, k, exclude, RecordFilter.ALL);
    }

    /** {@link #queryBySignature(float[], int, Long)} among the images that {@code where} accepts. */
    public QueryResult queryBySignature(float[] signature, int k, Long exclude, RecordFilter where) {
        Objects.requireNonNull(where, "where");
        Index.requireK(k);
        int wanted = exclude == null ? k : (int) Math.min(k + 1L, Integer.MAX_VALUE);
        return searchThreads.run(() -> inView(() -> {
            List<Neighbor> neighbors = where.acceptsAll() ? requireIndex().search(signature, capped(wanted))
                    : requireIndex().search(signature, capped(wanted), filter(where));
            return resultOf(neighbors, exclude, k);
        }));
    }

    /**
     * Runs a search and the lookup of its records under the read lock of {@link #view}, so that
     * it sees each add or remove whole (a match whose record vanished would leave k-1 matches).
     */
    /**
     * {@code k} capped at the number of indexed images, so that no index sizes a queue or an
     * array by a k far beyond the collection ({@code -k 2000000000}); call in the view.
     */
    private int capped(int k) {
        Index current = index;
        return current == null ? k : Math.max(1, Math.min(k, current.size()));
    }

        private <T> T inView(Supplier<T> search) {
        view.readLock().lock();
        try {
            return search.get();
        } finally {
            view.readLock().unlock();
        }
    }

    /**
     * A copy of the signature stored for the image with this id (owned by the caller), as
     * {@link #queryBySignature} takes it; empty when the id is not indexed. Saves decoding the
     * image again when an evaluation queries with indexed images.
     */
    public Optional<float[]> storedSignature(long id) {
        Index current = index;
        return current == null ? Optional.empty() : current.vector(id);
    }

    /**
     * A read view of the index that holds the stored signatures, for analyses that work on all
     * of them at once (label suggestion, grouping, near-duplicates); empty before the first image
     * is added. It reads the index the pipeline holds when asked (ask again after a {@link #fit},
     * which starts a new one); the pipeline's contents change through {@link #add} and
     * {@link #remove} only, so that records and index stay in step.
     */
    public Optional<IndexView> index() {
        Index current = index;
        return current == null ? Optional.empty() : Optional.of(new ReadOnlyIndex(current));
    }

    /** The signature the pipeline stores for {@code image}: extracted, then reduced. */
    public float[] signature(Image image) {
        requireFitted();
        return BatchExtractor.signature(extractor, reducer, image);
    }

    /**
     * Saves the pipeline into {@code directory}: a manifest, the records, and the state of the
     * extractor, reducer and index. The directory is replaced atomically: a crash during the
     * save leaves the previous version intact. {@code directory} must be missing, empty, or a
     * store saved earlier (its manifest proves it): a save never deletes other files. A pipeline
     * without images does not replace a store that has some, unless
     * {@link SaveOption#REPLACE_WITH_EMPTY} is given.
     *
     * @throws java.nio.file.FileAlreadyExistsException naming {@code directory} if it is a file,
     *     or a non-empty directory that is not a saved store
     * @throws IllegalStateException if this pipeline is empty and the store it would replace is not
     * @throws IllegalArgumentException if {@code directory} is the empty path or a root
     * @throws IllegalStateException before writing anything, if no
     *     {@link org.cbir.core.spi.ComponentProvider} can restore one of the parts (a custom
     *     extractor without its provider: the saved pipeline could not be loaded), or the pipeline
     *     is closed
     */
    public void save(Path directory, SaveOption... options) throws IOException {
        save(StoreDirectory.local(Objects.requireNonNull(directory, "directory")), options);
    }

    /**
     * Saves the pipeline into {@code directory} of any storage, as {@link #save(Path, SaveOption...)}
     * does into a local folder: the whole save is one {@link StoreDirectory#publish}.
     */
    public void save(StoreDirectory directory, SaveOption... options) throws IOException {
        Objects.requireNonNull(directory, "directory");
        Set<SaveOption> chosen = options.length == 0 ? Set.of() : EnumSet.copyOf(Arrays.asList(options));
        changes.lock();
        try {
            requireOpen();
            PipelineParts parts = parts();
            ComponentRegistry registry = this.options.registry();
            registry.requireRestorable(ComponentRole.EXTRACTOR, parts.extractor().spec(), parts.extractor());
            if (parts.reducerRecipe() != null) {
                registry.requireRestorable(ComponentRole.REDUCER, parts.reducerRecipe().spec(), parts.reducerRecipe());
                registry.requireRestorable(ComponentRole.FITTED_REDUCER, parts.reducerRecipe().spec(), parts.reducer());
            }
            registry.requireRestorable(ComponentRole.INDEX, parts.indexFactory().spec(), parts.indexFactory());
            registry.requireRestorable(ComponentRole.SAVED_INDEX, parts.indexFactory().spec(), parts.index());
            registry.requireRestorable(ComponentRole.SIMILARITY, parts.similarity().spec(), parts.similarity());
            PipelineStore.save(directory, parts, chosen);
        } finally {
            changes.unlock();
        }
    }

    /**
     * Loads a pipeline that {@link #save} wrote, with default options.
     *
     * @throws org.cbir.core.io.InvalidFileException if a file is truncated, altered, or of
     *     another format version (the message names the file)
     * @throws IllegalStateException if a component's module is not on the class path
     */
    public static RetrievalPipeline load(Path directory) throws IOException {
        return load(directory, LoadOptions.defaults());
    }

    /**
     * Loads a pipeline that {@link #save} wrote, with the threads, mapping and registry of
     * {@code options}; what it computes comes from the store.
     *
     * @see #load(Path)
     */
    public static RetrievalPipeline load(Path directory, LoadOptions options) throws IOException {
        return load(StoreDirectory.local(Objects.requireNonNull(directory, "directory")), options);
    }

    /**
     * Loads a pipeline that {@link #save(StoreDirectory, SaveOption...)} wrote into {@code directory}
     * of any storage (its {@link StoreDirectory#published()} version); the index's files are
     * mapped only where the storage is local.
     *
     * @see #load(Path, LoadOptions)
     */
    public static RetrievalPipeline load(StoreDirectory directory, LoadOptions options) throws IOException {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(options, "options");
        PipelineParts parts = PipelineStore.load(directory, options.mapIndexFiles(), options.registry());
        return new RetrievalPipeline(parts, options.pipelineOptions());
    }

    /**
     * Ends the search threads and releases the index (a mapped index's files are unmapped when
     * it is garbage-collected); afterwards queries, additions and saves fail with an
     * {@link IllegalStateException}. Waits for a running {@link #addAll} or {@link #save};
     * idempotent.
     */
    @Override
    public void close() {
        changes.lock();
        try {
            closed = true;
            searchThreads.close();
            index = null;
        } finally {
            changes.unlock();
        }
    }

    /**
     * A copy of this pipeline (its extractor, reducer, similarity, options, records and ids)
     * whose stored signatures are copied, with their records, into a new index that
     * {@code factory} creates: moves a store from the exact scan to a graph index or to a Solr
     * collection. Progress is reported per image under the stage {@code "copying signatures"};
     * this pipeline is left unchanged. A save of the copy records {@code factory} in its manifest.
     *
     * @throws IllegalStateException if this pipeline holds no images
     */
    public RetrievalPipeline withIndex(IndexFactory factory, ProgressListener progress) {
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(progress, "progress");
        changes.lock();
        try {
            requireOpen();
            Index source = requireIndex();
            List<ImageRecord> sorted = new ArrayList<>(records.values());
            sorted.sort((a, b) -> Long.compare(a.id(), b.id()));
            Index target = factory.create(dimension(), similarity);
            long done = 0;
            for (ImageRecord r : sorted) {
                float[] vector = source.vector(r.id()).orElseThrow(() -> new IllegalStateException(
                        "image " + r.id() + " (" + r.path() + ") has a record but no signature in the index"));
                target.add(r, vector);
                progress.onProgress("copying signatures", ++done, sorted.size());
            }
            PipelineParts parts = new PipelineParts(extractor, reducerRecipe, reducer, factory, target, similarity,
                    sorted, nextId.get());
            return new RetrievalPipeline(parts, options);
        } finally {
            changes.unlock();
        }
    }

    /** How many images are indexed. */
    public int size() {
        return records.size();
    }

    /** The record of an indexed image, if the id is present. */
    public Optional<ImageRecord> record(long id) {
        return Optional.ofNullable(records.get(id));
    }

    /** The records of all indexed images, in no particular order (a snapshot). */
    public Collection<ImageRecord> records() {
        return List.copyOf(records.values());
    }

    public FeatureExtractor extractor() {
        return extractor;
    }

    public Similarity similarity() {
        return similarity;
    }

    /** The configuration of the pipeline's index. */
    public IndexFactory indexFactory() {
        return indexFactory;
    }

    /** The fitted reducer, if the pipeline has one and it is fitted. */
    public Optional<Reducer.Fitted> reducer() {
        return Optional.ofNullable(reducer);
    }

    /** The length of stored signatures. */
    public int dimension() {
        return reducer != null ? reducer.outputDimension() : extractor.dimension();
    }

    /** A one-line summary of the parts, for logs and reports. */
    public String describe() {
        return "extractor=" + extractor.spec()
                + (reducerRecipe != null ? ", reducer=" + reducerRecipe.spec() : "")
                + ", index=" + indexFactory.spec() + ", similarity=" + similarity.spec();
    }

    @Override
    public String toString() {
        return "RetrievalPipeline[" + describe() + ", size=" + size() + "]";
    }

    private long store(String name, String label, Map<String, String> metadata, float[] signature) {
        if (index == null) {
            index = indexFactory.create(dimension(), similarity);
        }
        long id = nextId.getAndIncrement();
        ImageRecord record = new ImageRecord(id, name, label, metadata);
        view.writeLock().lock();
        try {
            index.add(record, signature);
            records.put(id, record);
        } finally {
            view.writeLock().unlock();
        }
        return id;
    }

    private Index.Filter filter(RecordFilter where) {
        return where.forIds(records::get);
    }

    private QueryResult resultOf(List<Neighbor> neighbors) {
        return resultOf(neighbors, null, Integer.MAX_VALUE);
    }

    /**
     * The matches of the first {@code k} neighbours other than {@code exclude} (null: none), read
     * in one pass (an evaluation's ranking of the whole collection is not copied first); a
     * neighbour whose record is gone counts towards the k but gives no match.
     */
    private QueryResult resultOf(List<Neighbor> neighbors, Long exclude, int k) {
        List<Match> matches = new ArrayList<>(Math.min(neighbors.size(), k));
        int taken = 0;
        for (Neighbor n : neighbors) {
            if (exclude != null && n.id() == exclude) {
                continue;
            }
            if (taken++ == k) {
                break;
            }
            ImageRecord r = records.get(n.id());
            if (r != null) {
                matches.add(new Match(matches.size() + 1, n.id(), r.path(), r.label(), n.distance(), r.metadata()));
            }
        }
        return QueryResult.of(matches);
    }

    private PipelineParts parts() {
        List<ImageRecord> sorted = new ArrayList<>(records.values());
        sorted.sort((a, b) -> Long.compare(a.id(), b.id()));
        Index current = index != null ? index : indexFactory.create(dimension(), similarity);
        return new PipelineParts(extractor, reducerRecipe, reducer, indexFactory, current, similarity,
                Collections.unmodifiableList(sorted), nextId.get());
    }

    private void requireFitted() {
        if (!fitted) {
            throw new IllegalStateException("call fit(trainingImages) first: "
                    + (extractor.isTrainable() ? "the extractor " + extractor.spec() + " must be trained" : "")
                    + (extractor.isTrainable() && reducerRecipe != null ? " and " : "")
                    + (reducerRecipe != null ? "the reducer " + reducerRecipe.spec() + " must be fitted" : ""));
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the pipeline is closed");
        }
    }

    private Index requireIndex() {
        requireOpen();
        Index current = index;
        if (current == null || current.size() == 0) {
            throw new IllegalStateException("the pipeline holds no images: call addAll first");
        }
        return current;
    }

    /** Options of a pipeline; {@link #build()} validates them. */
    public static final class Builder {
        private FeatureExtractor extractor;
        private Reducer reducer;
        private IndexFactory indexFactory = IndexFactory.exact();
        private Similarity similarity = Similarity.cosine();
        private int threads = Runtime.getRuntime().availableProcessors();
        private int batchSize = 256;
        private boolean strict;
        private ComponentRegistry registry = ComponentRegistry.standard();

        private Builder() {
        }

        /** The signature extractor; required. */
        public Builder extractor(FeatureExtractor extractor) {
            this.extractor = Objects.requireNonNull(extractor, "extractor");
            return this;
        }

        /** A reducer fitted by {@link RetrievalPipeline#fit}; none by default. */
        public Builder reducer(Reducer reducer) {
            this.reducer = reducer;
            return this;
        }

        /** The index; exact search by default. */
        public Builder index(IndexFactory indexFactory) {
            this.indexFactory = Objects.requireNonNull(indexFactory, "index");
            return this;
        }

        /** The ranking distance; cosine by default. */
        public Builder similarity(Similarity similarity) {
            this.similarity = Objects.requireNonNull(similarity, "similarity");
            return this;
        }

        /**
         * Threads for extraction and for search (a pool of its own, not the common pool); the
         * number of available processors by default.
         */
        public Builder threads(int threads) {
            this.threads = threads;
            return this;
        }

        /** Images decoded per batch (bounds memory and sets the progress granularity); 256 by default. */
        public Builder batchSize(int batchSize) {
            this.batchSize = batchSize;
            return this;
        }

        /** Whether one unusable image aborts {@code addAll} instead of being skipped; off by default. */
        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /**
         * The component types that {@link RetrievalPipeline#save} checks every part against (a
         * loaded pipeline takes them from {@link LoadOptions#registry()});
         * {@link ComponentRegistry#standard()} by default. An application that registers its own
         * providers in code passes {@code ComponentRegistry.standard().with(provider)}.
         */
        public Builder registry(ComponentRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        private PipelineOptions options() {
            return new PipelineOptions(threads, batchSize, strict, registry);
        }

        /**
         * @throws IllegalStateException if no extractor was set
         * @throws IllegalArgumentException if threads or batch size is not positive
         */
        public RetrievalPipeline build() {
            if (extractor == null) {
                throw new IllegalStateException("a pipeline needs an extractor: call extractor(...)");
            }
            options();
            return new RetrievalPipeline(this);
        }
    }

    /**
     * Options of {@link #save(java.nio.file.Path, SaveOption...)}, for what a save
     * refuses by default because it would lose data.
     */
    public enum SaveOption {
        /**
         * Lets a pipeline that holds no images replace a saved store that holds some. Without it
         * such a save is refused: an indexing run in which every image was skipped (an unmounted
         * share, a CSV of the wrong format) must not wipe a good store.
         */
        REPLACE_WITH_EMPTY
    }
}
