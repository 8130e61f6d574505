// SPDX-License-Identifier: MIT
/**
 * STOW-RS, the store feature (spec §2, with the v1 differences of §13): {@code POST} and
 * {@code PUT} (upsert) on {@code /v{version}/studies[/{study}]}, the expiry headers, and the
 * worker that deletes studies once their expiry time has passed.
 *
 * <p>Public: {@link dicomite.store.StoreHandler#register} and {@link dicomite.store.ExpiryWorker},
 * which the server wires; everything else is package-private.
 */
package dicomite.store;
