/**
 * Collections of images with their class labels: {@link org.cbir.core.collection.ImageCollection}
 * (from a folder whose sub-folders are the classes, a CSV list, or images in memory; stratified
 * train/test splits) and its {@link org.cbir.core.collection.ImageEntry}s, which reference files
 * that are decoded only when loaded.
 *
 * <p>Loading a folder or a CSV file that yields no image throws
 * {@link org.cbir.core.collection.EmptyCollectionException}; a CSV line that does not parse throws
 * {@link org.cbir.core.collection.CsvFormatException} with the file and line number. Both are
 * {@link java.io.IOException}s.
 */
package org.cbir.core.collection;
