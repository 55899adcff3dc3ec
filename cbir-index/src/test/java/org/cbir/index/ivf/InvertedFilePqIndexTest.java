package org.cbir.index.ivf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Index;
import org.cbir.core.IndexFactory;
import org.cbir.core.Neighbor;
import org.cbir.core.RecordFilter;
import org.cbir.core.Similarity;
import org.cbir.core.internal.math.VectorMath;
import org.cbir.core.io.InvalidFileException;
import org.cbir.core.io.StoreDirectory;
import org.cbir.core.spi.ComponentRegistry;
import org.cbir.core.spi.ComponentRole;
import org.cbir.index.ClusteredVectors;
import org.cbir.index.graph.TestEuclidean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The IVF-PQ index against the exact scan as the reference: recall@10 on clustered data at the
 * default probes, code bytes and re-ranking depth, the exact answer when every list is probed and
 * every vector re-ranked, the coding of vectors added after training, removals, filters, saving,
 * the shorthand, and bad input. Seeded.
 */
class InvertedFilePqIndexTest {
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

    /** The factory with the default probes, m and rerank, and {@code lists} (the default 1,024 suits a million vectors). */
    private static InvertedFilePq defaultsWith(int lists) {
        return InvertedFilePq.builder().lists(lists).build();
    }

    /**
     * 20,000 x 16 in 100 clusters, 64 lists, the default probes (8), m (16) and rerank (16):
     * measured recall@10 1.000 under cosine and Euclidean (1 probe: 0.980 and 0.979).
     */
    @Test
    void recallAtTheDefaultsOnClusteredDataAndTheExactAnswerWhenEverythingIsReadAgain() {
        for (Similarity similarity : new Similarity[] {Similarity.cosine(), TestEuclidean.INSTANCE}) {
            int n = 20_000;
            List<float[]> data = ClusteredVectors.generate(n + 200, 16, 100, 0.3, 5);
            Index exact = filled(IndexFactory.exact(), similarity, data, n);
            InvertedFilePqIndex pq = (InvertedFilePqIndex) filled(defaultsWith(64), similarity, data, n);
            assertTrue(pq.trained());
            assertEquals(16, pq.m());
            List<float[]> queries = data.subList(n, n + 200);
            List<List<Neighbor>> truth = exact.searchAll(queries, 10);
            double atDefaults = recall(truth, pq.searchAll(queries, 10));
            assertTrue(atDefaults >= 0.95, similarity.spec() + ": recall@10 at the defaults " + atDefaults);
            double previous = 0;
            for (int probes : new int[] {1, 2, 8}) {
                double recall = recall(truth, queries.stream().map(q -> pq.search(q, 10, probes)).toList());
                assertTrue(recall >= previous - 0.01, similarity.spec() + ": recall fell from " + previous + " to " + recall);
                previous = recall;
            }
            // every list probed and every vector re-ranked: the exact scan's answer, to the distance and the tie rule
            InvertedFilePqIndex everything = (InvertedFilePqIndex) filled(InvertedFilePq.builder().lists(64).probes(64)
                    .rerank(n / 10).build(), similarity, data, 5_000);
            Index exactSmall = filled(IndexFactory.exact(), similarity, data, 5_000);
            for (int q = 0; q < 20; q++) {
                assertEquals(exactSmall.search(queries.get(q), 10), everything.search(queries.get(q), 10), "query " + q);
            }
        }
    }

    /**
     * 128 dimensions in 16 bytes, on 10 isotropic Gaussian clusters of 500 vectors: a hard case for
     * the codes (the neighbours within a cluster are at nearly equal distances, so the codes rank
     * them loosely); measured recall@10 0.979 (rerank 8: 0.877; 4: 0.713).
     */
    @Test
    void recallAtTheDefaultsInHigherDimensions() {
        int n = 5_000;
        List<float[]> data = ClusteredVectors.generate(n + 200, 128, 10, 0.3, 15);
        Index exact = filled(IndexFactory.exact(), Similarity.cosine(), data, n);
        InvertedFilePqIndex pq = (InvertedFilePqIndex) filled(defaultsWith(16), Similarity.cosine(), data, n);
        List<float[]> queries = data.subList(n, n + 200);
        double recall = recall(exact.searchAll(queries, 10), pq.searchAll(queries, 10));
        assertTrue(recall >= 0.95, "recall@10 at d = 128, 16-byte codes: " + recall);
    }

    @Test
    void trainsAtFortyVectorsPerListOrAThousandAndCodesLaterVectorsWithTheSameCodebooks() {
        List<float[]> data = ClusteredVectors.generate(3_200, 12, 30, 0.3, 7);
        for (Similarity similarity : new Similarity[] {Similarity.cosine(), TestEuclidean.INSTANCE}) {
            InvertedFilePqIndex index = InvertedFilePq.builder().lists(32).m(4).build().create(12, similarity);
            for (int i = 0; i < 1_279; i++) {
                index.add(i, data.get(i));
            }
            assertFalse(index.trained(), "40 x 32 lists = 1,280 vectors");
            index.add(1_279, data.get(1_279));
            assertTrue(index.trained());
            assertEquals(1_280, index.trainedAt());
            ProductQuantizer codebooks = index.codes();
            float[] centroids = index.quantizer().centroids();
            float[] residual = new float[12];
            byte[] expected = new byte[4];
            for (int i = 1_280; i < 1_400; i++) {
                index.add(i, data.get(i));
                float[] coded = similarity == TestEuclidean.INSTANCE ? data.get(i) : VectorMath.normalized(data.get(i));
                int nearest = 0; // the nearest centroid, by brute force
                double best = Double.POSITIVE_INFINITY;
                for (int c = 0; c < 32; c++) {
                    double distance = 0;
                    for (int t = 0; t < 12; t++) {
                        distance += Math.pow(coded[t] - centroids[c * 12 + t], 2);
                    }
                    if (distance < best) {
                        best = distance;
                        nearest = c;
                    }
                }
                int row = index.store().rowOf(i);
                int list = index.lists().listOf(row);
                assertEquals(nearest, list, "list of vector " + i);
                codebooks.residual(coded, centroids, list, residual);
                codebooks.encode(residual, expected, 0);
                int position = index.lists().positionOf(row);
                assertArrayEquals(expected, java.util.Arrays.copyOfRange(index.lists().codes(list), 4 * position,
                        4 * position + 4), "code of vector " + i);
            }
            assertSame(codebooks, index.codes(), "no training since");
        }
        InvertedFilePqIndex small = InvertedFilePq.builder().lists(4).build().create(12, Similarity.cosine());
        for (int i = 0; i < 1_024; i++) {
            assertFalse(small.trained());
            small.add(i, data.get(i));
        }
        assertTrue(small.trained(), "at least 4 vectors per codeword: 1,024");
    }

    @Test
    void newClustersThatCrowdIntoFewListsTrainBothQuantizersAgainAndEveryVectorIsCodedAgain() {
        // the first 1,024 vectors from 2 clusters far out, then 7,168 from 8 others around the
        // origin: they crowd into the lists of the first centroids nearest the origin until the
        // quantizers are trained again
        List<float[]> first = ClusteredVectors.generate(1_024, 8, 2, 0.2, 16);
        first.forEach(v -> {
            for (int j = 0; j < v.length; j++) {
                v[j] += 6;
            }
        });
        List<float[]> later = ClusteredVectors.generate(7_168, 8, 8, 0.2, 61);
        InvertedFilePqIndex index = InvertedFilePq.builder().lists(8).probes(8).m(4).rerank(900).build()
                .create(8, TestEuclidean.INSTANCE);
        Index exact = IndexFactory.exact().create(8, TestEuclidean.INSTANCE);
        for (int i = 0; i < first.size() + later.size(); i++) {
            float[] v = i < first.size() ? first.get(i) : later.get(i - first.size());
            index.add(i, v);
            exact.add(i, v);
        }
        assertTrue(index.trainedAt() > 1_024, "trained again, at " + index.trainedAt() + "; imbalance "
                + index.lists().imbalance() + " against " + index.trainedImbalance() + " after the training");
        float[] centroids = index.quantizer().centroids();
        float[] residual = new float[8];
        byte[] expected = new byte[4];
        CodedLists lists = index.lists();
        assertEquals(8_192, lists.count());
        for (int l = 0; l < 8; l++) { // every code is the current codebooks' code of its residual
            for (int e = 0; e < lists.size(l); e++) {
                int row = lists.rows(l)[e];
                index.codes().residual(index.vector(index.store().id(row)).orElseThrow(), centroids, l, residual);
                index.codes().encode(residual, expected, 0);
                assertArrayEquals(expected, java.util.Arrays.copyOfRange(lists.codes(l), 4 * e, 4 * e + 4), "row " + row);
            }
        }
        for (int q = 0; q < 8_192; q += 301) { // every list probed, all re-ranked: the exact answer
            float[] v = q < 1_024 ? first.get(q) : later.get(q - 1_024);
            assertEquals(exact.search(v, 10), index.search(v, 10), "query " + q);
        }
    }

    @Test
    void removalsLeaveTheListsAtOnceAndAddsAfterTrainingAreFound() {
        List<float[]> data = ClusteredVectors.generate(4_000, 16, 40, 0.3, 9);
        InvertedFilePqIndex index = (InvertedFilePqIndex) filled(InvertedFilePq.builder().lists(32).probes(32)
                .rerank(400).build(), Similarity.cosine(), data, 3_000);
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
        CodedLists lists = index.lists();
        assertEquals(exact.size(), lists.count(), "the lists hold every vector once");
        Set<Integer> rows = new HashSet<>();
        for (int l = 0; l < lists.lists(); l++) {
            for (int e = 0; e < lists.size(l); e++) {
                int row = lists.rows(l)[e];
                assertTrue(rows.add(row), "row " + row + " twice");
                assertEquals(l, lists.listOf(row));
                assertEquals(e, lists.positionOf(row));
            }
        }
        for (int q = 0; q < 4_000; q += 97) { // every list probed, 4,000 re-ranked: the exact scan's answer
            assertEquals(exact.search(data.get(q), 10), index.search(data.get(q), 10), "query " + q);
            assertEquals(exact.vector(q).isPresent(), index.vector(q).isPresent());
        }
    }

    @Test
    void aSelectiveFilterProbesFurtherListsUntilKAreAccepted() {
        List<float[]> data = ClusteredVectors.generate(5_000, 8, 50, 0.2, 10);
        InvertedFilePqIndex index = (InvertedFilePqIndex) filled(InvertedFilePq.builder().lists(64).probes(1).build(),
                Similarity.cosine(), data, 5_000);
        Index.Filter oneIn500 = new Index.Filter(RecordFilter.label("rare"), id -> id % 500 == 3);
        List<Neighbor> found = index.search(data.get(0), 10, oneIn500);
        assertEquals(10, found.size(), "10 of the 5,000 ids pass the filter");
        found.forEach(n -> assertEquals(3, n.id() % 500));
        Index exact = filled(IndexFactory.exact(), Similarity.cosine(), data, 5_000);
        assertEquals(exact.search(data.get(0), 10, oneIn500), found, "all lists were probed and the ten re-ranked");
    }

    @Test
    void aSavedIndexKeepsItsCodesAndRefusesAnotherListCountCodeSizeOrSimilarity() throws IOException {
        List<float[]> data = ClusteredVectors.generate(2_000, 16, 20, 0.3, 12);
        InvertedFilePq factory = InvertedFilePq.builder().lists(16).probes(2).m(8).build();
        InvertedFilePqIndex index = (InvertedFilePqIndex) filled(factory, TestEuclidean.INSTANCE, data, 1_500);
        index.remove(5);
        index.remove(1_499);
        StoreDirectory directory = StoreDirectory.local(Files.createDirectory(temporary.resolve("ivf-pq")));
        index.save(directory);
        InvertedFilePqIndex loaded = factory.load(directory, TestEuclidean.INSTANCE);
        assertEquals(index.size(), loaded.size());
        assertEquals(index.trainedAt(), loaded.trainedAt());
        assertEquals(index.trainedImbalance(), loaded.trainedImbalance());
        assertArrayEquals(index.codes().codebooks(), loaded.codes().codebooks());
        for (int l = 0; l < 16; l++) {
            assertEquals(index.lists().size(l), loaded.lists().size(l), "list " + l);
            assertArrayEquals(java.util.Arrays.copyOf(index.lists().codes(l), 8 * index.lists().size(l)),
                    java.util.Arrays.copyOf(loaded.lists().codes(l), 8 * loaded.lists().size(l)), "codes of list " + l);
        }
        for (int q = 1_500; q < 1_600; q++) {
            assertEquals(index.search(data.get(q), 10), loaded.search(data.get(q), 10));
        }
        InvalidFileException lists = assertThrows(InvalidFileException.class,
                () -> InvertedFilePq.builder().lists(32).m(8).build().load(directory, TestEuclidean.INSTANCE));
        assertTrue(lists.getMessage().contains("16 lists"), lists.getMessage());
        InvalidFileException m = assertThrows(InvalidFileException.class,
                () -> InvertedFilePq.builder().lists(16).m(4).build().load(directory, TestEuclidean.INSTANCE));
        assertTrue(m.getMessage().contains("m=8"), m.getMessage());
        assertThrows(InvalidFileException.class, () -> factory.load(directory, Similarity.cosine()));
        // other probes and another re-ranking depth load the same file
        assertEquals(index.size(), InvertedFilePq.builder().lists(16).m(8).probes(9).rerank(2).build()
                .load(directory, TestEuclidean.INSTANCE).size());
        // added after the load: coded with the loaded codebooks, found
        loaded.add(5_000, data.get(1_600));
        assertEquals(5_000, loaded.search(data.get(1_600), 1).get(0).id());
    }

    @Test
    void theShorthandNamesItsParametersInOrder() {
        IndexFactory chosen = ComponentRegistry.standard().fromShorthand(ComponentRole.INDEX, "ivf:pq:256:4:8:20");
        assertEquals(InvertedFilePq.builder().lists(256).probes(4).m(8).rerank(20).build(), chosen);
        assertEquals(InvertedFilePq.builder().build(), ComponentRegistry.standard().fromShorthand(ComponentRole.INDEX,
                "ivf:pq"));
        assertEquals(InvertedFile.builder().lists(256).build(),
                ComponentRegistry.standard().fromShorthand(ComponentRole.INDEX, "ivf:256"), "ivf stays the float lists");
    }

    @Test
    void refusesBadParametersOtherSimilaritiesAndNonFiniteVectors() {
        assertThrows(IllegalArgumentException.class, () -> InvertedFilePq.builder().lists(0).build());
        assertThrows(IllegalArgumentException.class, () -> InvertedFilePq.builder().probes(0).build());
        assertThrows(IllegalArgumentException.class, () -> InvertedFilePq.builder().m(0).build());
        assertThrows(IllegalArgumentException.class, () -> InvertedFilePq.builder().m(257).build());
        assertThrows(IllegalArgumentException.class, () -> InvertedFilePq.builder().rerank(0).build());
        InvertedFilePqIndex index = InvertedFilePq.builder().build().create(2, Similarity.cosine());
        assertEquals(2, index.m(), "at most one byte per component");
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> index.add(1, new float[] {1, Float.NaN}));
        assertTrue(nan.getMessage().contains("id 1"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> index.search(new float[] {1, 0}, 3, 0));
        InvertedFilePq factory = InvertedFilePq.builder().lists(100).probes(7).m(12).rerank(3).seed(-3).build();
        assertEquals(factory, InvertedFilePq.fromSpec(ComponentSpec.parse(factory.spec().toString())));
        assertEquals(ComponentSpec.of("ivf-pq", "lists", 1024, "probes", 8, "m", 16, "rerank", 16, "seed", 42L),
                InvertedFilePq.builder().build().spec());
    }
}
