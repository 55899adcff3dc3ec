package org.cbir.nets;

import java.util.List;
import org.cbir.core.spi.ComponentProvider;
import org.cbir.core.spi.ComponentType;
import org.cbir.nets.cnn.CnnExtractor;
import org.cbir.nets.cnn.CnnOptions;
import org.cbir.nets.lenet.LeNet;
import org.cbir.nets.lenet.LeNetExtractor;
import org.cbir.nets.lenet.LeNetOptions;
import org.cbir.nets.pretrained.FineTunedExtractor;
import org.cbir.nets.pretrained.InceptionResNetV2Extractor;
import org.cbir.nets.pretrained.PretrainedExtractor;

/**
 * Restores the components of {@code cbir-nets} from saved pipelines: {@value LeNetOptions#TYPE}
 * extractors, with their trained network when the pipeline saved one (else the {@link LeNet} recipe), and
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
    public List<ComponentType<?>> componentTypes() {
        return List.of(
                ComponentType.extractor(LeNetOptions.TYPE, (spec, context) -> LeNetExtractor.restore(spec, context.state())),
                ComponentType.extractor(PretrainedExtractor.TYPE,
                        (spec, context) -> PretrainedExtractor.restore(spec, context.state().orElse(null))),
                ComponentType.extractor(InceptionResNetV2Extractor.TYPE,
                        (spec, context) -> InceptionResNetV2Extractor.restore(spec, context.state().orElse(null))),
                ComponentType.extractor(FineTunedExtractor.TYPE,
                        (spec, context) -> FineTunedExtractor.restore(spec, context.state().orElse(null))),
                ComponentType.extractor(CnnOptions.TYPE,
                        (spec, context) -> CnnExtractor.restore(spec, context.state().orElse(null))),
                ComponentType.extractor(CnnOptions.SSL_TYPE,
                        (spec, context) -> CnnExtractor.restore(spec, context.state().orElse(null))));
    }
}
