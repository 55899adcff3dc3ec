package org.cbir.core;

import java.util.List;

/** The parts of a pipeline, as saved and loaded by {@link PipelineStore}. */
record PipelineParts(FeatureExtractor extractor, Reducer reducerRecipe, Reducer.Fitted reducer,
                     IndexFactory indexFactory, Index index, Similarity similarity,
                     List<ImageRecord> records, long nextId) {
}
