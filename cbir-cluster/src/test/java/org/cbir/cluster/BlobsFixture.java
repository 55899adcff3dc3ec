package org.cbir.cluster;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.cbir.core.ComponentSpec;
import org.cbir.core.Index;
import org.cbir.core.IndexFactory;
import org.cbir.core.Similarity;

/** The points of blobs-reference.csv (tools/cluster_reference.py) in an exact Euclidean index. */
record BlobsFixture(Index index, long[] ids, int[] truth, int[] kmeans, double sklearnAri, double sklearnNmi) {

    /** Euclidean distance, written here because cbir-cluster depends on cbir-core only. */
    static final Similarity EUCLIDEAN = new Similarity() {
        @Override
        public ComponentSpec spec() {
            return ComponentSpec.of("test-euclidean");
        }

        @Override
        public double distance(float[] a, float[] b) {
            double sum = 0;
            for (int i = 0; i < a.length; i++) {
                double d = a[i] - b[i];
                sum += d * d;
            }
            return Math.sqrt(sum);
        }
    };

    static BlobsFixture load() throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                BlobsFixture.class.getResourceAsStream("blobs-reference.csv"), StandardCharsets.UTF_8))) {
            String[] scores = in.readLine().substring(2).split(" ");
            double ari = Double.parseDouble(scores[0].split("=")[1]);
            double nmi = Double.parseDouble(scores[1].split("=")[1]);
            in.readLine();
            List<String[]> rows = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                rows.add(line.split(","));
            }
            Index index = IndexFactory.exact().create(8, EUCLIDEAN);
            long[] ids = new long[rows.size()];
            int[] truth = new int[rows.size()];
            int[] kmeans = new int[rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                String[] r = rows.get(i);
                float[] v = new float[8];
                for (int j = 0; j < 8; j++) {
                    v[j] = Float.parseFloat(r[j]);
                }
                ids[i] = 100 + i;
                index.add(ids[i], v);
                truth[i] = Integer.parseInt(r[8]);
                kmeans[i] = Integer.parseInt(r[9]);
            }
            return new BlobsFixture(index, ids, truth, kmeans, ari, nmi);
        }
    }
}
