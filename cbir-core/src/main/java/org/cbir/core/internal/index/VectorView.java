package org.cbir.core.internal.index;

/**
 * The read side of an index's vectors: rows numbered {@code 0 .. rows() - 1} (ordinals), each
 * holding one vector of {@link #dimension()} floats under a caller's {@code long} id, some of
 * them possibly removed (dead) but still numbered. What a search reads; changes go through the
 * owner ({@link VectorStore} or an index's own layout), never through a view.
 *
 * <p>Not a snapshot: a view is valid, and its answers consistent, while the owning index's read
 * lock is held (see {@link GuardedIndex}); the owner changes it only under the write lock.
 */
public interface VectorView {

    /** The length of every vector. */
    int dimension();

    /** Live vectors: {@link #rows()} less the dead ones. */
    int size();

    /** Rows numbered so far, dead ones included: the ordinals in use are {@code [0, rows())}. */
    int rows();

    /** The id of {@code row} (also of a dead row, which keeps the id it had). */
    long id(int row);

    /** The row of live {@code id}, or -1 when the id is absent or was removed. */
    int rowOf(long id);

    /** Whether {@code row} holds a live vector. */
    boolean isLive(int row);

    /** Copies the vector of {@code row} into {@code target} from {@code offset}. */
    void copyRow(int row, float[] target, int offset);
}
