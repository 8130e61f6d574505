// SPDX-License-Identifier: MIT
/**
 * Where stored instances live: the on-disk layout ({@link dicomite.storage.Storage}), the SQLite
 * index of rows, metadata, change feed and expiry ({@link dicomite.storage.Index}), and the write
 * protocol that keeps the two in step across crashes ({@link dicomite.storage.Archive}), and the
 * frames extracted once per instance into {@code {sop}/frames/} ({@link dicomite.storage.FrameCache}).
 *
 * <p>The files are the truth: the index can be rebuilt from them. Public: what feature packages
 * need to store, find, read and delete instances; migration and recovery are package-private.
 */
package dicomite.storage;
