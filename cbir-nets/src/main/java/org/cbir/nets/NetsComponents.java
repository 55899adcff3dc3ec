package org.cbir.nets;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import org.cbir.core.ComponentSpec;
import org.cbir.core.spi.ComponentProvider;

/**
 * Restores the components of {@code cbir-nets} from saved pipelines: {@value LeNetOptions#TYPE}
 * extractors, with their trained network when the pipeline saved one, and
 * {@value PretrainedExtractor#TYPE} extractors, from the network the pipeline saved or else from
 * their weights source, {@value InceptionResNetV2Extractor#TYPE} extractors, likewise from the
 * network the pipeline saved or else from their {@code .h5} file, and {@value FineTunedExtractor#TYPE}
 * extractors, from the network (tuned, or the base before tuning) the pipeline saved, and
 * {@value CnnOptions#TYPE} and {@value CnnOptions#SSL_TYPE} extractors ({@link CnnExtractor}), with
 * their trained network when the pipeline saved one. Registered in
 * {@code META-INF/services/org.cbir.core.spi.ComponentProvider}. Stateless and thread-safe.
 */
public final class NetsComponents implements ComponentProvider {

    @Override
    public Set<String> types() {
        return Set.of(LeNetOptions.TYPE, PretrainedExtractor.TYPE, InceptionResNetV2Extractor.TYPE,
                FineTunedExtractor.TYPE, CnnOptions.TYPE, CnnOptions.SSL_TYPE);
    }

    /** @param state the extractor's state directory, or null for an untrained (or unsaved pretrained) extractor */
    @Override
    public Object restore(ComponentSpec spec, Path state) throws IOException {
        if (PretrainedExtractor.TYPE.equals(spec.type())) {
            return PretrainedExtractor.restore(spec, state);
        }
        if (InceptionResNetV2Extractor.TYPE.equals(spec.type())) {
            return InceptionResNetV2Extractor.restore(spec, state);
        }
        if (CnnOptions.TYPE.equals(spec.type()) || CnnOptions.SSL_TYPE.equals(spec.type())) {
            return CnnExtractor.restore(spec, state);
        }
        if (FineTunedExtractor.TYPE.equals(spec.type())) {
            return FineTunedExtractor.restore(spec, state);
        }
        if (!LeNetOptions.TYPE.equals(spec.type())) {
            throw new IllegalArgumentException("not a cbir-nets component: " + spec.type());
        }
        LeNetOptions options = LeNetOptions.fromSpec(spec);
        return state == null ? LeNetExtractor.untrained(options) : LeNetExtractor.load(options, state);
    }
}
