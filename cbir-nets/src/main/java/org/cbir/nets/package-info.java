/**
 * CNN signatures with Deeplearning4j, by family, and the {@link org.cbir.nets.NetsComponents
 * provider} that restores every saved one by its spec type (the types are unchanged since the
 * module was one package, so older manifests still load):
 * <ul>
 *   <li>{@link org.cbir.nets.lenet}: a LeNet trained from scratch on the user's labels, the
 *       paper's "machine-designed" features;</li>
 *   <li>{@link org.cbir.nets.cnn}: a compact modern CNN trained for retrieval, on the labels or
 *       self-supervised (SimCLR);</li>
 *   <li>{@link org.cbir.nets.pretrained}: the ImageNet networks of the Deeplearning4j zoo, the
 *       paper's Inception-ResNet-v2 with the Keras weights, and fine-tuning any of them (or a
 *       trained LeNet) on the user's labels;</li>
 *   <li>{@link org.cbir.nets.train}: the training-set augmentations and training histories the
 *       families share;</li>
 *   <li>{@link org.cbir.nets.internal}: the loops and files the families share; not API.</li>
 * </ul>
 *
 * <p>A trainable network comes in two types, as a {@link org.cbir.core.Reducer} does: an
 * immutable recipe ({@link org.cbir.nets.lenet.LeNet}, {@link org.cbir.nets.cnn.CompactCnn},
 * {@link org.cbir.nets.pretrained.FineTuning}) whose {@code fit} returns the fitted, immutable,
 * thread-safe extractor ({@link org.cbir.nets.lenet.LeNetExtractor},
 * {@link org.cbir.nets.cnn.CnnExtractor}, {@link org.cbir.nets.pretrained.FineTunedExtractor}).
 * A pipeline holds the recipe until {@code RetrievalPipeline.fit}; the recipe itself extracts
 * nothing. The module needs {@code nd4j-api} only; the application puts an ND4J backend on the
 * class path.
 */
package org.cbir.nets;
