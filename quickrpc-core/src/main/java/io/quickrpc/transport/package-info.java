/**
 * Transports: carry bytes between peers. This package holds what every transport shares: the
 * {@link io.quickrpc.transport.Transport} contract, its errors, and the factory interface that
 * expressions such as {@code tcpserv::8888} reach. The transports themselves live by family in
 * {@code network} (tcp, tcpserv, udp, TLS), {@code stream} (stdio, process), {@code bus} (the
 * in-process bus, {@code internal:}) and {@code composite} (mux, restart).
 */
@NullMarked
package io.quickrpc.transport;

import org.jspecify.annotations.NullMarked;
