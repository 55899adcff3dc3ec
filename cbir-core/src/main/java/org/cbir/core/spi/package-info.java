/**
 * How saved pipelines name and rebuild their parts. Each module lists its component types, one
 * {@link org.cbir.core.spi.ComponentType} per type with its
 * {@link org.cbir.core.spi.ComponentRole role} (extractor, similarity, reducer, index) and its
 * restorer, in one {@link org.cbir.core.spi.ComponentProvider} registered as a service; the
 * {@link org.cbir.core.spi.ComponentRegistry} finds them once and is the one way a
 * {@link org.cbir.core.ComponentSpec} becomes a component again, its saved state given through
 * the {@link org.cbir.core.spi.RestoreContext}. A user's own extractor, metric or index joins the
 * same way (a services file, or {@link org.cbir.core.spi.ComponentRegistry#with} in code), and
 * its tests can run cbir's contract suites from {@code cbir-testkit}.
 */
package org.cbir.core.spi;
