/**
 * CNN signatures with Deeplearning4j (issue 6): {@link org.cbir.nets.LeNetExtractor}, a LeNet
 * trained from scratch on the user's labels whose hidden-layer output is the signature, the
 * paper's {@link org.cbir.nets.Augmentation data augmentation},
 * {@link org.cbir.nets.PretrainedExtractor} on the ImageNet-pretrained networks of the
 * Deeplearning4j zoo ({@link org.cbir.nets.PretrainedModel}; weights from the zoo cache, a
 * configured cache folder or a local file, see {@link org.cbir.nets.PretrainedWeights}),
 * {@link org.cbir.nets.InceptionResNetV2}, the paper's deep network as a zoo-style graph with
 * the Keras applications weights ({@link org.cbir.nets.KerasWeightsFile}), used as a pretrained
 * signature by {@link org.cbir.nets.InceptionResNetV2Extractor},
 * {@link org.cbir.nets.FineTunedExtractor} which fine-tunes any of them
 * ({@link org.cbir.nets.BaseNetwork}) on the user's labels with Deeplearning4j's transfer learning,
 * {@link org.cbir.nets.CnnExtractor} (issue 15), a compact modern CNN trained from scratch for
 * retrieval, on the labels (cosine softmax with margin, validation-driven early stopping) or
 * without them (SimCLR's NT-Xent), with {@link org.cbir.nets.RandomAugmentation random augmentation}
 * drawn afresh every epoch; its two losses are SameDiff output layers inside an ordinary
 * Deeplearning4j network, so that it trains, saves and restores like LeNet,
 * and the {@link org.cbir.nets.NetsComponents provider} that restores saved
 * networks. The module needs {@code nd4j-api} only; the application puts an ND4J backend on the
 * class path.
 */
package org.cbir.nets;
