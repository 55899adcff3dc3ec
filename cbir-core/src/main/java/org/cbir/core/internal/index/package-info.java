/**
 * <b>Internal: not API, may change.</b> The foundation that every index of cbir is built on,
 * exported only so that the index modules (cbir-index, and any index of a later module) share it
 * instead of each writing its own: {@link org.cbir.core.internal.index.IdRows} (the unboxed id
 * map), {@link org.cbir.core.internal.index.VectorView} (the read side of a store: rows by
 * ordinal, id to ordinal, what searches read), {@link org.cbir.core.internal.index.VectorStore}
 * (the write side: append, remove, compact, over row-major float chunks) and
 * {@link org.cbir.core.internal.index.GuardedIndex} (the read/write lock and the accessors every
 * index answers the same way: size, contains, vector, add, remove).
 *
 * <p>The split follows Lucene's {@code HnswGraph} (what a search reads) and
 * {@code OnHeapHnswGraph}/{@code HnswGraphBuilder} (what changes it), and JVector's
 * {@code ImmutableGraphIndex}/{@code MutableGraphIndex}: a search is written against the view, so
 * that a new layout (quantized codes, a shard of a Spark table, a remote collection) is one new
 * class behind the same view and the same guarded index. A view is valid while its owner's read
 * lock is held; it is not a copy.
 */
package org.cbir.core.internal.index;
