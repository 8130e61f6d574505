// SPDX-License-Identifier: MIT
/**
 * HTTP plumbing over the JDK's {@code com.sun.net.httpserver}: the one route table
 * ({@link dicomite.http.Router}), the request and response a route handler works with, API
 * versions (spec §1.1), the catalogue of errors ({@link dicomite.http.Errors}, spec §1.5, §15),
 * the health check (§1.11), media types and the Accept grammar, and the streaming multipart
 * reader and writer. Uses the JDK and the plain-JSON package {@code dicomite.json} only.
 *
 * <p>Public: what feature packages need to register and answer routes and to read and write
 * bodies; template matching, percent-decoding and other helpers are package-private.
 */
package dicomite.http;
