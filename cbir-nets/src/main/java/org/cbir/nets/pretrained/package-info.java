/**
 * Pretrained networks and fine-tuning: {@link org.cbir.nets.pretrained.PretrainedExtractor} on the
 * ImageNet networks of the Deeplearning4j zoo ({@link org.cbir.nets.pretrained.PretrainedModel};
 * weights from the zoo cache, a cache folder or a local file, see
 * {@link org.cbir.nets.pretrained.PretrainedWeights}); {@link org.cbir.nets.pretrained.InceptionResNetV2},
 * the paper's deep network as a zoo-style graph with the Keras applications weights
 * ({@link org.cbir.nets.pretrained.KerasWeightsFile}), used by
 * {@link org.cbir.nets.pretrained.InceptionResNetV2Extractor}; and the
 * {@link org.cbir.nets.pretrained.FineTuning} recipe, which fine-tunes any of them or a trained
 * LeNet ({@link org.cbir.nets.pretrained.BaseNetwork}) on the user's labels with
 * Deeplearning4j's transfer learning into a {@link org.cbir.nets.pretrained.FineTunedExtractor}.
 * {@link org.cbir.nets.pretrained.NetworkInputFormat} says what such a network reads.
 */
package org.cbir.nets.pretrained;
