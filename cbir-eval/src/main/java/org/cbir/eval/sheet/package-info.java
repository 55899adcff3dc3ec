/**
 * Result sheets: PNG pictures of queries and their ranked matches, framed green or red by
 * whether a match has the query's label ({@link org.cbir.eval.sheet.ResultSheet}), for reports,
 * papers and a quick look at what a pipeline retrieves.
 */
package org.cbir.eval.sheet;
