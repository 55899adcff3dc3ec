package org.cbir.core;

/**
 * One hit of an index search: the id of a stored vector and its distance to the query.
 * Neighbours order by ascending distance, then ascending id, so rankings are deterministic.
 */
public record Neighbor(long id, double distance) implements Comparable<Neighbor> {

    @Override
    public int compareTo(Neighbor other) {
        int byDistance = Double.compare(distance, other.distance);
        return byDistance != 0 ? byDistance : Long.compare(id, other.id);
    }
}
