package org.cbir.spark;

import java.io.Serializable;

/**
 * One image of a collection listed on the driver.
 *
 * @param position its place in the collection's order (the order {@code cbir} indexes it in)
 * @param name what results show for it: the path as {@code cbir} names it
 * @param label its class label, or {@code null}
 * @param location its qualified Hadoop path ({@code file:/...}, {@code hdfs://...}), where
 *     executors read it
 */
public record ListedImage(int position, String name, String label, String location) implements Serializable {
    private static final long serialVersionUID = 1L;
}
