/**
 * The Tideline service: organisations and access, hash banks, matching, audit and the HTTP API. One package per
 * capability, each owning its tables, routes and service; {@code store} holds the database plumbing and
 * {@code http} the web server wiring.
 */
package org.tideline.server;
