/**
 * Transports: carry bytes between peers. Built in: {@code internal[:BUS[:NAME]]}, the in-process bus.
 */
@NullMarked
package io.quickrpc.transport;

import org.jspecify.annotations.NullMarked;
