package org.cbir.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cbir.core.collection.ImageCollection;
import org.cbir.core.collection.ImageEntry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Indexes the 2,000 GISAXS sample patterns with first-order statistics and exact cosine search,
 * and checks every query's top 10 against {@code tools/first_order_reference.py}, which computes
 * signatures and rankings with numpy and SciPy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GisaxsEndToEndTest {
    /** Signatures are stored as floats; the reference computes in doubles. */
    private static final double TOLERANCE = 5e-7;

    private Path database;
    private Path queries;
    private RetrievalPipeline pipeline;
    private Map<String, List<Expected>> expected;

    private record Expected(String match, double distance) {
    }

    @BeforeAll
    void indexDatabase() throws IOException {
        database = Samples.gisaxs().resolve("database");
        queries = Samples.gisaxs().resolve("query");
        pipeline = RetrievalPipeline.builder().extractor(FeatureExtractor.firstOrderStatistics(32)).build();
        IndexingReport report = pipeline.addAll(ImageCollection.fromFolder(database));
        assertEquals(2000, report.added());
        assertEquals(0, report.skippedCount());
        expected = readReference();
    }

    @Test
    void everyQueryRanksAsTheScipyReference() throws IOException {
        ImageCollection queryImages = ImageCollection.fromFolder(queries);
        assertEquals(8, queryImages.size());
        for (ImageEntry query : queryImages) {
            String name = relative(queries, query.name());
            List<Expected> reference = expected.get(name);
            QueryResult result = pipeline.query(query.load(), 10);
            assertEquals(10, result.matches().size());
            for (Match m : result.matches()) {
                Expected atRank = reference.get(m.rank() - 1);
                assertEquals(atRank.distance(), m.distance(), TOLERANCE, name + " rank " + m.rank());
                String match = relative(database, m.path());
                boolean tiedInReference = reference.stream().anyMatch(e -> e.match().equals(match)
                        && Math.abs(e.distance() - m.distance()) <= TOLERANCE);
                assertTrue(tiedInReference, name + " rank " + m.rank() + ": " + match
                        + " is not in the reference at distance " + m.distance());
            }
            Prediction prediction = result.prediction().orElseThrow();
            assertEquals(majorityLabel(reference.subList(0, 10)), prediction.label(), name);
            assertEquals(prediction.votes() / 10.0, prediction.confidence(), 1e-12);
        }
    }

    @Test
    void queriesThatAreInTheDatabaseFindThemselvesFirst() throws IOException {
        int selfMatches = 0;
        for (ImageEntry query : ImageCollection.fromFolder(queries)) {
            Match best = pipeline.query(query.load(), 1).best().orElseThrow();
            if (relative(database, best.path()).equals(relative(queries, query.name()))) {
                assertEquals(0.0, best.distance(), 1e-12);
                selfMatches++;
            }
        }
        assertEquals(2, selfMatches, "the samples' README says 2 of the 8 GISAXS queries are in the database");
    }

    @Test
    void savedAndLoadedPipelineAnswersIdentically(@TempDir Path dir) throws IOException {
        Path saved = dir.resolve("gisaxs.cbir");
        pipeline.save(saved);
        RetrievalPipeline loaded = RetrievalPipeline.load(saved);
        assertEquals(pipeline.size(), loaded.size());
        assertEquals(pipeline.describe(), loaded.describe());
        for (ImageEntry query : ImageCollection.fromFolder(queries)) {
            assertEquals(pipeline.query(query.load(), 10), loaded.query(query.load(), 10), query.name());
        }
    }

    /** The most frequent label (the folder name) among reference matches; ties to the better-ranked. */
    private static String majorityLabel(List<Expected> top) {
        Map<String, Integer> votes = new LinkedHashMap<>();
        top.forEach(e -> votes.merge(e.match().substring(0, e.match().indexOf('/')), 1, Integer::sum));
        int most = votes.values().stream().max(Integer::compare).orElseThrow();
        return votes.entrySet().stream().filter(e -> e.getValue() == most).findFirst().orElseThrow().getKey();
    }

    private Map<String, List<Expected>> readReference() throws IOException {
        Map<String, List<Expected>> byQuery = new LinkedHashMap<>();
        try (InputStream in = getClass().getResourceAsStream("/reference/gisaxs-first-order-cosine-top15.csv");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] f = line.split(",");
                byQuery.computeIfAbsent(f[0], q -> new ArrayList<>()).add(new Expected(f[2], Double.parseDouble(f[3])));
            }
        }
        return byQuery;
    }

    private static String relative(Path root, String path) {
        return root.relativize(Path.of(path).toAbsolutePath().normalize()).toString().replace('\\', '/');
    }
}
