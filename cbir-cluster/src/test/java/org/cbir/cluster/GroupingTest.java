package org.cbir.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.cbir.core.IndexFactory;
import org.cbir.core.ProgressListener;
import org.cbir.core.collection.ImageCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GroupingTest {

    @Test
    void agreementScoresMatchScikitLearnOnTheFixture() throws Exception {
        BlobsFixture f = BlobsFixture.load();
        assertEquals(f.sklearnAri(), AgreementScores.adjustedRandIndex(f.truth(), f.kmeans()), 1e-9);
        assertEquals(f.sklearnNmi(), AgreementScores.normalizedMutualInformation(f.truth(), f.kmeans()), 1e-9);
        assertEquals(1.0, AgreementScores.adjustedRandIndex(new int[] {0, 0, 1, 1}, new int[] {5, 5, 3, 3}));
        // sklearn: adjusted_rand_score([0,0,1,1],[0,1,0,1]) = -0.5
        assertEquals(-0.5, AgreementScores.adjustedRandIndex(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1}), 1e-12);
    }

    @Test
    void kMeansAgreesWithScikitLearnsLabels() throws Exception {
        BlobsFixture f = BlobsFixture.load();
        Grouping g = KMeansGrouper.builder().k(4).seed(1).build().group(f.index(), f.ids(), ProgressListener.NONE);
        assertEquals(4, g.groupCount());
        assertTrue(AgreementScores.adjustedRandIndex(f.kmeans(), g.groups()) >= 0.98,
                "ARI against sklearn KMeans: " + AgreementScores.adjustedRandIndex(f.kmeans(), g.groups()));
    }

    @Test
    void kMeansChoosesTheNumberOfBlobsBySilhouette() throws Exception {
        BlobsFixture f = BlobsFixture.load();
        Grouping g = KMeansGrouper.builder().maxK(8).seed(1).build().group(f.index(), f.ids(), ProgressListener.NONE);
        assertEquals(4, g.groupCount(), g.method());
        assertTrue(g.method().contains("silhouette"), g.method());
    }

    @Test
    void hdbscanFindsTheBlobsAndLeavesTheScatteredPointsOut() throws Exception {
        BlobsFixture f = BlobsFixture.load();
        Grouping g = DensityGrouper.builder().minClusterSize(15).build().group(f.index(), f.ids(), ProgressListener.NONE);
        assertEquals(4, g.groupCount(), g.method());
        int[] truth = f.truth();
        int[] found = g.groups();
        int noiseFound = 0;
        int blobsAsNoise = 0;
        for (int i = 0; i < truth.length; i++) {
            noiseFound += truth[i] < 0 && found[i] == Grouping.NOISE ? 1 : 0;
            blobsAsNoise += truth[i] >= 0 && found[i] == Grouping.NOISE ? 1 : 0;
        }
        assertTrue(noiseFound >= 25, "of the 40 scattered points only " + noiseFound + " are noise");
        assertTrue(blobsAsNoise <= 60, blobsAsNoise + " blob points are noise");
        assertTrue(AgreementScores.adjustedRandIndex(truth, found) >= 0.85,
                "ARI against the truth: " + AgreementScores.adjustedRandIndex(truth, found));
    }

    @Test
    void hdbscanWorkedByHand() {
        // Two tight groups of 3 on a line (0, 1, 2 and 10, 11, 12) and a lone point at 30.
        // min cluster size 3, min samples 2: core distance 1 for the groups, 18 for the lone point.
        // The root splits at 18 into the lone point (falls out) and [0..12], which splits at 8
        // into two groups of 3 that both last to lambda 1; their stabilities (3 x (1 - 1/8) each)
        // beat their parent's ((1/8 - 1/18) x 6), so both are kept and the lone point is noise.
        double[] x = {0, 1, 2, 10, 11, 12, 30};
        long[] ids = {0, 1, 2, 3, 4, 5, 6};
        org.cbir.core.Index index = org.cbir.core.IndexFactory.exact().create(1, BlobsFixture.EUCLIDEAN);
        for (int i = 0; i < x.length; i++) {
            index.add(ids[i], new float[] {(float) x[i]});
        }
        Grouping g = DensityGrouper.builder().minClusterSize(3).minSamples(2).neighbors(6).build()
                .group(index, ids, ProgressListener.NONE);
        assertEquals(2, g.groupCount());
        int[] groups = g.groups();
        assertEquals(groups[0], groups[1]);
        assertEquals(groups[1], groups[2]);
        assertEquals(groups[3], groups[4]);
        assertEquals(groups[4], groups[5]);
        assertTrue(groups[0] != groups[3]);
        assertEquals(Grouping.NOISE, groups[6]);
        assertEquals(1, g.members(groups[0]).get(0), "the middle point is the most central");
    }

    @Test
    void csvReadsBackWithGroupsAsLabels(@TempDir Path dir) throws Exception {
        Grouping g = new Grouping("test", new long[] {1, 2, 3}, new int[] {0, Grouping.NOISE, 0}, new double[] {0.5, Double.NaN, 0.1});
        Map<Long, String> paths = new HashMap<>();
        for (long id = 1; id <= 3; id++) {
            paths.put(id, dir.resolve("i" + id + ".png").toString());
        }
        Path csv = dir.resolve("groups.csv");
        g.writeCsv(csv, paths);
        assertTrue(Files.readString(csv).startsWith("path,label,rank,distance_to_centre\n"));
        ImageCollection back = ImageCollection.fromCsv(csv);
        assertEquals(dir.resolve("i3.png").toString(), back.entries().get(0).name(), "the most central first");
        assertEquals("group-0", back.entries().get(0).label());
        assertEquals(null, back.entries().get(2).label());
    }
}
