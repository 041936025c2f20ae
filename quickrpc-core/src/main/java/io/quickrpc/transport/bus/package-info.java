/**
 * The in-process bus, {@code internal[:BUS[:NAME]]}: endpoints of one process as peers, on the
 * {@link io.quickrpc.transport.bus.InternalBuses} they share.
 */
@NullMarked
package io.quickrpc.transport.bus;

import org.jspecify.annotations.NullMarked;
