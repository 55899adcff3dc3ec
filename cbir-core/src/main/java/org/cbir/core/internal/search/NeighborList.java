package org.cbir.core.internal.search;

import java.util.AbstractList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.RandomAccess;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.cbir.core.Neighbor;

/**
 * A ranking as the exact scan returns it: an unmodifiable {@code List<Neighbor>} over the two
 * primitive arrays the {@linkplain NeighborSort radix sort} leaves, the ids and the distances'
 * {@linkplain NeighborSort#key sort keys}, that creates each {@link Neighbor} when it is read.
 * A ranking of a million rows is then 16 MB of arrays instead of a million records and their
 * reference array (36 MB), which the collector would copy while they live; the caller pays for a
 * neighbour only when reading it (a short-lived record the JIT can often keep out of the heap).
 *
 * <p>It is a {@link List} like any other: {@link #equals} and {@link #hashCode} follow the
 * {@link List} contract (equal to an {@code ArrayList} of the same neighbours, and the same hash),
 * {@link #subList} is a view of the same arrays, and {@link #get} returns a new record each time,
 * equal to the last (records compare by value; nothing should rely on their identity). Every
 * method that would change it throws {@link UnsupportedOperationException}, even when the change
 * would be empty, as {@link List#of} does.
 *
 * <p>Owns the arrays handed to it (the caller must not change them afterwards); immutable, so
 * safe to share between threads once published.
 */
final class NeighborList extends AbstractList<Neighbor> implements RandomAccess {
    private final long[] keys;
    private final long[] ids;
    private final int offset;
    private final int size;

    /**
     * The neighbours {@code (ids[offset + i], distance(keys[offset + i]))} for {@code i < size},
     * in that order; the arrays become the list's.
     */
    NeighborList(long[] keys, long[] ids, int offset, int size) {
        Objects.checkFromIndexSize(offset, size, Math.min(keys.length, ids.length));
        this.keys = keys;
        this.ids = ids;
        this.offset = offset;
        this.size = size;
    }

    @Override
    public Neighbor get(int index) {
        Objects.checkIndex(index, size);
        return new Neighbor(ids[offset + index], NeighborSort.distance(keys[offset + index]));
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public List<Neighbor> subList(int fromIndex, int toIndex) {
        Objects.checkFromToIndex(fromIndex, toIndex, size);
        return new NeighborList(keys, ids, offset + fromIndex, toIndex - fromIndex);
    }

    /**
     * {@inheritDoc} Compares another {@code NeighborList} on the arrays: equal keys are equal
     * distances as {@link Neighbor#equals} compares them ({@link Double#compare}, one NaN).
     */
    @Override
    public boolean equals(Object other) {
        if (other == this) {
            return true;
        }
        if (!(other instanceof NeighborList that)) {
            return super.equals(other);
        }
        if (that.size != size) {
            return false;
        }
        for (int i = 0; i < size; i++) {
            if (keys[offset + i] != that.keys[that.offset + i] || ids[offset + i] != that.ids[that.offset + i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return super.hashCode(); // List's formula over Neighbor.hashCode(), as ArrayList's
    }

    @Override
    public boolean add(Neighbor neighbor) {
        throw unmodifiable();
    }

    @Override
    public void add(int index, Neighbor neighbor) {
        throw unmodifiable();
    }

    @Override
    public boolean addAll(Collection<? extends Neighbor> c) {
        throw unmodifiable();
    }

    @Override
    public boolean addAll(int index, Collection<? extends Neighbor> c) {
        throw unmodifiable();
    }

    @Override
    public Neighbor set(int index, Neighbor neighbor) {
        throw unmodifiable();
    }

    @Override
    public Neighbor remove(int index) {
        throw unmodifiable();
    }

    @Override
    public boolean remove(Object o) {
        throw unmodifiable();
    }

    @Override
    public boolean removeAll(Collection<?> c) {
        throw unmodifiable();
    }

    @Override
    public boolean retainAll(Collection<?> c) {
        throw unmodifiable();
    }

    @Override
    public boolean removeIf(Predicate<? super Neighbor> filter) {
        throw unmodifiable();
    }

    @Override
    public void replaceAll(UnaryOperator<Neighbor> operator) {
        throw unmodifiable();
    }

    @Override
    public void sort(Comparator<? super Neighbor> c) {
        throw unmodifiable();
    }

    @Override
    public void clear() {
        throw unmodifiable();
    }

    @Override
    protected void removeRange(int fromIndex, int toIndex) {
        throw unmodifiable();
    }

    private static UnsupportedOperationException unmodifiable() {
        return new UnsupportedOperationException("a search result is unmodifiable: copy it to change it");
    }
}
