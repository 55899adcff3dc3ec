/**
 * CNN signatures with Deeplearning4j (issue 6): {@link org.cbir.nets.LeNetExtractor}, a LeNet
 * trained from scratch on the user's labels whose hidden-layer output is the signature, the
 * paper's {@link org.cbir.nets.Augmentation data augmentation}, and the
 * {@link org.cbir.nets.NetsComponents provider} that restores saved networks. The module needs
 * {@code nd4j-api} only; the application puts an ND4J backend on the class path.
 */
package org.cbir.nets;
