package org.cbir.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.cbir.core.Index;
import org.cbir.core.Match;
import org.cbir.core.QueryResult;
import org.cbir.core.RetrievalPipeline;
import org.cbir.core.image.Image;

/**
 * The stores that {@link StoreBridge#toShards} wrote, queried as one: the query's signature is
 * computed once, every shard answers its top k, and the matches are merged by distance, then id
 * (the tie rule of every cbir ranking), re-ranked, and voted on as
 * {@link RetrievalPipeline#query} votes. With exact shards the result equals one store of all the
 * images. The shards of one query are searched in parallel (the common fork-join pool).
 * Thread-safe for queries.
 */
public final class ShardedStore {
    private final List<RetrievalPipeline> shards;

    private ShardedStore(List<RetrievalPipeline> shards) {
        this.shards = List.copyOf(shards);
    }

    /**
     * Loads every {@code shard-*.cbir} of {@code directory}.
     *
     * @throws IOException if there is none, or one cannot be loaded
     */
    public static ShardedStore open(Path directory) throws IOException {
        List<Path> paths;
        try (Stream<Path> list = Files.list(directory)) {
            paths = list.filter(p -> p.getFileName().toString().matches("shard-\\d+\\.cbir")).sorted().toList();
        }
        if (paths.isEmpty()) {
            throw new IOException(directory + ": no shard-NNNNN.cbir stores here (write them with"
                    + " `cbir-spark export --shards`)");
        }
        List<RetrievalPipeline> shards = new ArrayList<>(paths.size());
        for (Path path : paths) {
            shards.add(RetrievalPipeline.load(path));
        }
        return new ShardedStore(shards);
    }

    /** How many images all shards hold. */
    public int size() {
        return shards.stream().mapToInt(RetrievalPipeline::size).sum();
    }

    /** How many shards there are. */
    public int shardCount() {
        return shards.size();
    }

    /**
     * The {@code k} images of all shards closest to {@code image}.
     *
     * @throws IllegalArgumentException if {@code k < 1} or the image is unusable by the extractor
     */
    public QueryResult query(Image image, int k) {
        Index.requireK(k);
        float[] signature = shards.get(0).signature(image);
        // The shards answer in parallel; the merge below sorts, so the order they finish in is irrelevant.
        List<Match> all = new ArrayList<>(shards.parallelStream()
                .flatMap(shard -> shard.queryBySignature(signature, k, null).matches().stream())
                .toList());
        all.sort(Comparator.comparingDouble(Match::distance).thenComparingLong(Match::id));
        List<Match> ranked = new ArrayList<>(Math.min(k, all.size()));
        for (Match m : all.subList(0, Math.min(k, all.size()))) {
            ranked.add(new Match(ranked.size() + 1, m.id(), m.path(), m.label(), m.distance()));
        }
        return QueryResult.of(ranked);
    }
}
