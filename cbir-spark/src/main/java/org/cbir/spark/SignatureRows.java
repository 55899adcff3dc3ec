package org.cbir.spark;

import java.io.Serializable;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.cbir.core.RetrievalPipeline;

/**
 * A whole signature table in memory, in id order, as compact arrays: what an evaluation
 * broadcasts (every query is ranked against every row) and what becomes a single-machine store.
 * Immutable by convention (the arrays are not copied).
 */
final class SignatureRows implements Serializable {
    private static final long serialVersionUID = 1L;
    private final long[] ids;
    private final String[] paths;
    private final String[] labels;
    private final float[][] vectors;

    private SignatureRows(long[] ids, String[] paths, String[] labels, float[][] vectors) {
        this.ids = ids;
        this.paths = paths;
        this.labels = labels;
        this.vectors = vectors;
    }

    /** The rows of {@code table}, brought to the driver, sorted by id. */
    static SignatureRows collect(Dataset<Row> table) {
        List<Row> rows = table.select(SignatureTable.ID, SignatureTable.PATH, SignatureTable.LABEL,
                SignatureTable.VECTOR).orderBy(SignatureTable.ID).collectAsList();
        return of(rows);
    }

    /** Rows of (id, path, label, vector), in the order given. */
    static SignatureRows of(List<Row> rows) {
        int n = rows.size();
        long[] ids = new long[n];
        String[] paths = new String[n];
        String[] labels = new String[n];
        float[][] vectors = new float[n][];
        for (int i = 0; i < n; i++) {
            Row row = rows.get(i);
            ids[i] = row.getLong(0);
            paths[i] = row.getString(1);
            labels[i] = row.isNullAt(2) ? null : row.getString(2);
            vectors[i] = SignatureTable.vector(row, 3);
        }
        return new SignatureRows(ids, paths, labels, vectors);
    }

    int size() {
        return ids.length;
    }

    /** Adds every row, under its id, to {@code pipeline} (fitted as the table's, empty). */
    RetrievalPipeline addTo(RetrievalPipeline pipeline) {
        for (int i = 0; i < ids.length; i++) {
            pipeline.addSignature(ids[i], paths[i], labels[i], vectors[i]);
        }
        return pipeline;
    }
}
