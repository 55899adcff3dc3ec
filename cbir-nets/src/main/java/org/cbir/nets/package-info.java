/** cbir-nets: see the module's issue; grows in its own issue. */
package org.cbir.nets;
