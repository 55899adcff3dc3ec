/**
 * The {@code cbir} command line ({@link org.cbir.examples.cli.CbirCommand}): a demo on the
 * bundled samples and searches over the user's folders. The only module that chooses a logging
 * backend (slf4j-simple).
 */
package org.cbir.examples;
