package org.cbir.solr;

import java.util.Locale;
import org.cbir.core.Similarity;

/**
 * The score by which Solr ranks candidates ({@code similarityFunction} of a
 * {@code DenseVectorField}), chosen by the {@link Similarity#kind() kind} of the pipeline's
 * similarity: cosine for cosine, dot product for dot product, Euclidean for everything else (the histogram metrics of cbir-metrics, Manhattan, Chebyshev...),
 * since Solr scores nothing else. The client re-ranks the candidates with the pipeline's own
 * similarity, so the function only decides which candidates reach it.
 */
public enum SolrVectorFunction {
    COSINE,
    EUCLIDEAN,
    DOT_PRODUCT;

    /** The function that serves {@code similarity} best. */
    public static SolrVectorFunction forSimilarity(Similarity similarity) {
        return switch (similarity.kind()) {
            case COSINE -> COSINE;
            case DOT_PRODUCT -> DOT_PRODUCT;
            default -> EUCLIDEAN;
        };
    }

    /** The name in a Solr schema: {@code cosine}, {@code euclidean}, {@code dot_product}. */
    public String solrName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The function a schema names.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static SolrVectorFunction ofSolrName(String name) {
        for (SolrVectorFunction f : values()) {
            if (f.solrName().equalsIgnoreCase(name)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown Solr similarity function '" + name
                + "' (cosine, euclidean, dot_product)");
    }
}
