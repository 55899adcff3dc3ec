/**
 * Not API: the machinery the network families of this module share (the epoch loop with the
 * paper's stopping rule, the lazily augmented mini-batches, converting images to network input,
 * splitting activations into signatures, the op-by-op inference network with batch normalisation folded into the convolutions, the checksummed file of a network trained from
 * scratch). Public only because Java has no friend packages; it may change in any release.
 */
package org.cbir.nets.internal;
