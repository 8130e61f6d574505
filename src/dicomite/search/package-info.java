// SPDX-License-Identifier: MIT
/**
 * QIDO-RS, the search feature (spec §4, with the v1 defaults of §13): the six search routes,
 * the parsing and checking of their query parameters, and the DICOM JSON of the answers, built
 * from the stored metadata of each row's representative instance. The index does the matching
 * ({@link dicomite.storage.Archive#search}).
 *
 * <p>Public: {@link dicomite.search.SearchHandler#register}, which the server wires; everything
 * else is package-private.
 */
package dicomite.search;
