/**
 * Implementation classes of cbir-core that are not part of its API (the module does not export
 * this package): the service provider of core's own component types.
 */
package org.cbir.core.internal;
