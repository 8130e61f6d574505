// SPDX-License-Identifier: MIT
/**
 * Delete (spec §5, non-standard): {@code DELETE} on a study, a series or an instance.
 *
 * <p>Public: {@link dicomite.delete.DeleteHandler#register}, which the server wires.
 */
package dicomite.delete;
