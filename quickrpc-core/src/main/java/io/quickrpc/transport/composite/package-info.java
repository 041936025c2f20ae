/**
 * Transports made of others: {@code mux} (several as one) and {@code restart} (one kept running).
 */
@NullMarked
package io.quickrpc.transport.composite;

import org.jspecify.annotations.NullMarked;
