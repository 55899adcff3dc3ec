/**
 * Implementation classes of cbir-core that are not part of its API: the service provider of
 * core's own component types and small helpers shared with the other cbir modules (the module
 * exports this package to them only). Not API: anything here may change in any release.
 */
package org.cbir.core.internal;
