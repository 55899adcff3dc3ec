/**
 * The implementation of cbir's on-disk format rules (see {@link org.cbir.core.io}): checksummed
 * binary files, manifests, save ids and atomic directory replacement.
 *
 * <p>Internal: not API, exported only to the cbir modules that read and write stores; it may
 * change in any release. Components of other projects persist their state through
 * {@link org.cbir.core.Persistent} and the store a pipeline gives them.
 */
package org.cbir.core.internal.io;
