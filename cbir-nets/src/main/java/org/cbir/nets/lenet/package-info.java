/**
 * A LeNet trained from scratch on the user's labelled images (Araujo et al.): the recipe
 * {@link org.cbir.nets.lenet.LeNet} with its {@link org.cbir.nets.lenet.LeNetOptions} (the
 * network is a {@link org.cbir.nets.lenet.LeNetArchitecture}), whose {@code fit} returns the
 * {@link org.cbir.nets.lenet.LeNetExtractor} that takes a hidden layer's output as the signature.
 * Spec type {@value org.cbir.nets.lenet.LeNetOptions#TYPE}.
 */
package org.cbir.nets.lenet;
