/**
 * The {@code web:/PATH} transport: an API served on the Spring application's own web server,
 * Spring MVC or WebFlux, over WebSocket (full duplex, a peer per session, one message per frame of
 * any codec) and JSON-RPC over HTTP {@code POST} (request and reply, with the {@code jrpc} codec
 * only) at the same path.
 */
@NullMarked
package io.quickrpc.spring.web;

import org.jspecify.annotations.NullMarked;
