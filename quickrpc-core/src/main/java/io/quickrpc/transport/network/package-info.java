/**
 * Network transports on Netty: {@code tcp}, {@code tcpserv} (with TLS), {@code udp}, and WebSocket
 * ({@code ws}, {@code wss}, {@code wsserv}) on the same connections; their
 * {@link io.quickrpc.transport.network.NetworkOptions}, and the
 * {@link io.quickrpc.transport.network.EventLoops} they run on.
 */
@NullMarked
package io.quickrpc.transport.network;

import org.jspecify.annotations.NullMarked;
