package org.cbir.index.ivf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Index;
import org.cbir.core.IndexFactory;
import org.cbir.core.Neighbor;
import org.cbir.core.RecordFilter;
import org.cbir.core.Similarity;
import org.cbir.core.SimilarityKind;
import org.cbir.core.io.InvalidFileException;
import org.cbir.core.io.StoreDirectory;
import org.cbir.index.ClusteredVectors;
import org.cbir.index.graph.TestEuclidean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inverted file against the exact scan as the reference: recall@10 on clustered data, the
 * exact answer when every list is probed, training and re-training, the list of an added vector,
 * removals, filters, saving, and bad input. Seeded.
 */
class InvertedFileIndexTest {
    @TempDir
    Path temporary;

    private static double recall(List<List<Neighbor>> truth, List<List<Neighbor>> found) {
        long hits = 0;
        for (int q = 0; q < truth.size(); q++) {
            Set<Long> expected = new HashSet<>();
            truth.get(q).forEach(n -> expected.add(n.id()));
            hits += found.get(q).stream().filter(n -> expected.contains(n.id())).count();
        }
        return (double) hits / (10.0 * truth.size());
    }

    private static Index filled(IndexFactory factory, Similarity similarity, List<float[]> data, int n) {
        Index index = factory.create(data.get(0).length, similarity);
        for (int i = 0; i < n; i++) {
            index.add(i, data.get(i));
        }
        return index;
    }

    @Test
    void recallRisesWithProbesAndEveryListProbedGivesTheExactAnswer() {
        for (Similarity similarity : new Similarity[] {Similarity.cosine(), TestEuclidean.INSTANCE}) {
            int n = 20_000;
            List<float[]> data = ClusteredVectors.generate(n + 200, 16, 100, 0.3, 5);
            Index exact = filled(IndexFactory.exact(), similarity, data, n);
            InvertedFileIndex ivf = (InvertedFileIndex) filled(InvertedFile.builder().lists(64).probes(4).build(),
                    similarity, data, n);
            assertTrue(ivf.trained());
            List<float[]> queries = data.subList(n, n + 200);
            List<List<Neighbor>> truth = exact.searchAll(queries, 10);
            double previous = 0;
            for (int probes : new int[] {1, 4, 16}) {
                double recall = recall(truth, queries.stream().map(q -> ivf.search(q, 10, probes)).toList());
                assertTrue(recall >= previous, similarity.spec() + ": recall fell from " + previous + " to " + recall);
                previous = recall;
            }
            assertTrue(previous >= 0.99, similarity.spec() + ": recall@10 with 16 of 64 lists " + previous);
            assertTrue(recall(truth, ivf.searchAll(queries, 10)) >= 0.95, similarity.spec() + ": 4 probes");
            for (int q = 0; q < 20; q++) { // all lists probed: an exact scan, to the distance and the tie rule
                assertEquals(truth.get(q), ivf.search(queries.get(q), 10, 64), "query " + q);
            }
        }
    }

    @Test
    void theQuantizerTrainsAtFortyVectorsPerListAndAgainWhenNewClustersCrowdIntoFewLists() {
        // the first 320 vectors from 2 clusters far out, then 2,240 from 8 others around the origin:
        // the later ones crowd into the lists of the first centroids nearest the origin until the
        // quantizer is trained again
        List<float[]> first = ClusteredVectors.generate(320, 8, 2, 0.2, 6);
        first.forEach(v -> {
            for (int j = 0; j < v.length; j++) {
                v[j] += 6;
            }
        });
        List<float[]> later = ClusteredVectors.generate(2_240, 8, 8, 0.2, 60);
        InvertedFileIndex index = InvertedFile.builder().lists(8).probes(2).build().create(8, TestEuclidean.INSTANCE);
        for (int i = 0; i < 319; i++) {
            index.add(i, first.get(i));
        }
        assertFalse(index.trained());
        assertEquals(1, index.lists().lists());
        index.add(319, first.get(319));
        assertTrue(index.trained());
        assertEquals(320, index.trainedAt());
        assertEquals(8, index.lists().lists());
        double trained = index.trainedImbalance();
        for (int i = 0; i < later.size(); i++) {
            index.add(320 + i, later.get(i));
        }
        assertTrue(index.trainedAt() > 320, "trained again, at " + index.trainedAt());
        assertTrue(index.lists().imbalance() < 2 * trained + 1, "imbalance " + index.lists().imbalance());
        assertEquals(2_560, index.size());
        // vectors drawn like the first ones do not unbalance the lists: no second training
        InvertedFileIndex steady = InvertedFile.builder().lists(8).build().create(8, TestEuclidean.INSTANCE);
        List<float[]> same = ClusteredVectors.generate(2_560, 8, 10, 0.2, 61);
        for (int i = 0; i < same.size(); i++) {
            steady.add(i, same.get(i));
        }
        assertEquals(320, steady.trainedAt());
    }

    @Test
    void anAddedVectorGoesToTheListOfItsNearestCentroid() {
        List<float[]> data = ClusteredVectors.generate(3_000, 12, 30, 0.3, 7);
        for (Similarity similarity : new Similarity[] {Similarity.cosine(), TestEuclidean.INSTANCE}) {
            InvertedFileIndex index = (InvertedFileIndex) filled(InvertedFile.builder().lists(32).build(), similarity,
                    data, 2_000);
            float[] centroids = index.quantizer().centroids();
            for (int i = 2_000; i < 2_100; i++) {
                index.add(i, data.get(i));
                int slot = index.lists().rowOf(i);
                int expected = 0;
                double best = Double.POSITIVE_INFINITY;
                for (int c = 0; c < 32; c++) {
                    float[] centroid = java.util.Arrays.copyOfRange(centroids, c * 12, c * 12 + 12);
                    double distance = similarity.distance(data.get(i), centroid);
                    if (distance < best) {
                        best = distance;
                        expected = c;
                    }
                }
                assertEquals(expected, index.lists().listOf(slot), "list of vector " + i);
            }
        }
    }

    @Test
    void kMeansCentroidsAreTheMeansOfTheirClustersAndFindSeparatedBlobs() {
        // eight blobs far apart: each blob becomes one cluster, whose centroid is its mean
        List<float[]> blobs = ClusteredVectors.generate(800, 4, 8, 0.01, 8);
        float[][] sample = blobs.toArray(new float[0][]);
        CoarseQuantizer quantizer = CoarseQuantizer.train(sample, 8, false, 3);
        int[] labels = quantizer.assign(sample);
        float[] centroids = quantizer.centroids();
        double[][] sums = new double[8][4];
        int[] counts = new int[8];
        for (int i = 0; i < sample.length; i++) {
            counts[labels[i]]++;
            for (int j = 0; j < 4; j++) {
                sums[labels[i]][j] += sample[i][j];
            }
            for (int other = 0; other < i; other++) { // same blob, same cluster
                boolean sameBlob = TestEuclidean.INSTANCE.distance(sample[i], sample[other]) < 0.2;
                assertEquals(sameBlob, labels[i] == labels[other], "vectors " + i + " and " + other);
            }
        }
        for (int c = 0; c < 8; c++) {
            assertTrue(counts[c] > 0, "cluster " + c + " is empty");
            for (int j = 0; j < 4; j++) {
                assertEquals(sums[c][j] / counts[c], centroids[c * 4 + j], 1e-5, "centroid " + c + ", component " + j);
            }
        }
    }

    @Test
    void removalsLeaveTheListsAtOnceAndAddsAfterTrainingAreFound() {
        List<float[]> data = ClusteredVectors.generate(4_000, 16, 40, 0.3, 9);
        InvertedFileIndex index = (InvertedFileIndex) filled(InvertedFile.builder().lists(32).probes(32).build(),
                Similarity.cosine(), data, 3_000);
        Index exact = filled(IndexFactory.exact(), Similarity.cosine(), data, 3_000);
        for (int i = 0; i < 3_000; i += 2) {
            assertTrue(index.remove(i));
            exact.remove(i);
        }
        for (int i = 3_000; i < 4_000; i++) {
            index.add(i, data.get(i));
            exact.add(i, data.get(i));
        }
        assertEquals(exact.size(), index.size());
        int listed = 0;
        for (int l = 0; l < index.lists().lists(); l++) {
            listed += index.lists().size(l);
        }
        assertEquals(exact.size(), listed, "the lists hold every vector once");
        for (int q = 0; q < 4_000; q += 97) { // every list probed: exactly the exact scan's answer
            assertEquals(exact.search(data.get(q), 10), index.search(data.get(q), 10), "query " + q);
            assertEquals(exact.vector(q).isPresent(), index.vector(q).isPresent());
        }
    }

    @Test
    void aSelectiveFilterProbesFurtherListsUntilKAreAccepted() {
        List<float[]> data = ClusteredVectors.generate(5_000, 8, 50, 0.2, 10);
        InvertedFileIndex index = (InvertedFileIndex) filled(InvertedFile.builder().lists(64).probes(1).build(),
                Similarity.cosine(), data, 5_000);
        Index.Filter oneIn500 = new Index.Filter(RecordFilter.label("rare"), id -> id % 500 == 3);
        List<Neighbor> found = index.search(data.get(0), 10, oneIn500);
        assertEquals(10, found.size(), "10 of the 5,000 ids pass the filter");
        found.forEach(n -> assertEquals(3, n.id() % 500));
        Index exact = filled(IndexFactory.exact(), Similarity.cosine(), data, 5_000);
        assertEquals(exact.search(data.get(0), 10, oneIn500), found, "all lists were probed to find the ten");
    }

    @Test
    void searchAllOnAPoolEqualsOneQueryAtATime() throws Exception {
        List<float[]> data = ClusteredVectors.generate(6_000, 16, 60, 0.3, 11);
        InvertedFileIndex index = (InvertedFileIndex) filled(InvertedFile.builder().lists(32).probes(3).build(),
                TestEuclidean.INSTANCE, data, 5_000);
        List<float[]> queries = data.subList(5_000, 5_300);
        ForkJoinPool pool = new ForkJoinPool(3);
        try {
            List<List<Neighbor>> batch = pool.submit(() -> index.searchAll(queries, 10)).get();
            for (int q = 0; q < queries.size(); q++) {
                assertEquals(index.search(queries.get(q), 10), batch.get(q), "query " + q);
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void aSavedIndexKeepsItsListsAndRefusesAnotherListCountOrSimilarity() throws IOException {
        List<float[]> data = ClusteredVectors.generate(2_000, 16, 20, 0.3, 12);
        InvertedFile factory = InvertedFile.builder().lists(16).probes(2).build();
        InvertedFileIndex index = (InvertedFileIndex) filled(factory, Similarity.cosine(), data, 1_500);
        index.remove(5);
        StoreDirectory directory = StoreDirectory.local(Files.createDirectory(temporary.resolve("ivf")));
        index.save(directory);
        InvertedFileIndex loaded = factory.load(directory, Similarity.cosine());
        assertEquals(index.size(), loaded.size());
        assertEquals(index.trainedAt(), loaded.trainedAt());
        assertEquals(index.trainedImbalance(), loaded.trainedImbalance());
        for (int l = 0; l < 16; l++) {
            assertEquals(index.lists().size(l), loaded.lists().size(l), "list " + l);
        }
        for (int q = 1_500; q < 1_600; q++) {
            assertEquals(index.search(data.get(q), 10), loaded.search(data.get(q), 10));
        }
        InvalidFileException lists = assertThrows(InvalidFileException.class,
                () -> InvertedFile.builder().lists(32).build().load(directory, Similarity.cosine()));
        assertTrue(lists.getMessage().contains("16 lists"), lists.getMessage());
        assertThrows(InvalidFileException.class, () -> factory.load(directory, TestEuclidean.INSTANCE));
        // another number of probes loads the same file
        assertEquals(index.size(), InvertedFile.builder().lists(16).probes(9).build().load(directory,
                Similarity.cosine()).size());
    }

    @Test
    void refusesBadParametersOtherSimilaritiesAndNonFiniteVectors() {
        assertThrows(IllegalArgumentException.class, () -> InvertedFile.builder().lists(0).build());
        assertThrows(IllegalArgumentException.class, () -> InvertedFile.builder().probes(0).build());
        Similarity dot = new Similarity() {
            @Override
            public ComponentSpec spec() {
                return ComponentSpec.of("dot");
            }

            @Override
            public SimilarityKind kind() {
                return SimilarityKind.DOT_PRODUCT;
            }

            @Override
            public double distance(float[] a, float[] b) {
                return 0;
            }
        };
        IllegalArgumentException metric = assertThrows(IllegalArgumentException.class,
                () -> InvertedFile.builder().build().create(4, dot));
        assertTrue(metric.getMessage().contains("dot"), metric.getMessage());
        InvertedFileIndex index = InvertedFile.builder().build().create(2, Similarity.cosine());
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> index.add(1, new float[] {1, Float.NaN}));
        assertTrue(nan.getMessage().contains("id 1"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> index.search(new float[] {1, 0}, 3, 0));
        InvertedFile factory = InvertedFile.builder().lists(100).probes(7).seed(-3).build();
        assertEquals(factory, InvertedFile.fromSpec(ComponentSpec.parse(factory.spec().toString())));
    }
}
