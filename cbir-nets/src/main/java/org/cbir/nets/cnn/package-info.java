/**
 * A compact modern CNN trained from scratch for retrieval: the recipe
 * {@link org.cbir.nets.cnn.CompactCnn} with its {@link org.cbir.nets.cnn.CnnOptions}, trained on
 * the labels (a cosine softmax with margin, validation-driven early stopping) or without them
 * (SimCLR's NT-Xent), with random augmentation drawn afresh every epoch; {@code fit} returns the
 * {@link org.cbir.nets.cnn.CnnExtractor}. The two losses are SameDiff output layers inside an
 * ordinary Deeplearning4j network, so that it trains, saves and restores like the LeNet. Spec
 * types {@value org.cbir.nets.cnn.CnnOptions#TYPE} and {@value org.cbir.nets.cnn.CnnOptions#SSL_TYPE}.
 */
package org.cbir.nets.cnn;
