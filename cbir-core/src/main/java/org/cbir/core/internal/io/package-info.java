/**
 * The implementation of cbir's storage and on-disk format rules (see {@link org.cbir.core.io}):
 * the local {@link org.cbir.core.io.StoreDirectory} ({@code LocalDirectory}, over
 * {@code AtomicDirectory}'s staged publish), the save-id binding of a directory
 * ({@code SaveId.bind}), checksummed binary files and manifests read and written through a
 * {@code StoreDirectory}.
 *
 * <p>Internal: not API, exported only to the cbir modules that read and write stores; it may
 * change in any release. Components of other projects persist their state through
 * {@link org.cbir.core.Persistent} and the {@link org.cbir.core.io.StoreDirectory} a pipeline
 * gives them.
 */
package org.cbir.core.internal.io;
