/**
 * The {@code web:/PATH} transport: an API served on the Spring application's own web server,
 * Spring MVC or WebFlux, over WebSocket (full duplex, a peer per session) and JSON-RPC over HTTP
 * {@code POST} (request and reply) at the same path.
 */
@NullMarked
package io.quickrpc.spring.web;

import org.jspecify.annotations.NullMarked;
