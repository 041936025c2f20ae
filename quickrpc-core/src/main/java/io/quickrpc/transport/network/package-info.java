/**
 * Network transports on Netty: {@code tcp}, {@code tcpserv} (with TLS) and {@code udp}, their
 * {@link io.quickrpc.transport.network.NetworkOptions}, and the
 * {@link io.quickrpc.transport.network.EventLoops} they run on.
 */
@NullMarked
package io.quickrpc.transport.network;

import org.jspecify.annotations.NullMarked;
