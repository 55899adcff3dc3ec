package org.cbir.spark.cli;

import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.cbir.cli.SearchOptions;
import org.cbir.core.ProgressListener;
import org.cbir.core.RetrievalPipeline;
import org.cbir.spark.ImageListing;
import org.cbir.spark.ListedImage;

/** Builds the pipeline the command line's options name and fits it on the driver, as {@code cbir} does. */
final class FittedPipelines {
    private FittedPipelines() {
    }

    /**
     * The pipeline of {@code options}, fitted on {@code fitting} when it needs fitting (or
     * always, when {@code alwaysFit}, as {@code cbir evaluate} fits on a non-empty fitting part).
     */
    static RetrievalPipeline fitted(SearchOptions options, List<ListedImage> fitting, boolean alwaysFit,
                                    Configuration hadoop, ProgressListener progress) throws IOException {
        RetrievalPipeline pipeline = options.pipeline().build();
        if (!fitting.isEmpty() && (alwaysFit || options.needsFit())) {
            pipeline.fit(ImageListing.toCollection(fitting, hadoop), progress);
        }
        return pipeline;
    }
}
