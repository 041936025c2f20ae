package io.quickrpc.transport;

import io.quickrpc.spi.ComponentFactory;

/**
 * Creates {@link Transport}s from expressions that start with its shorthand. Implementations
 * are found with {@link java.util.ServiceLoader}: list them in
 * {@code META-INF/services/io.quickrpc.transport.TransportFactory}.
 */
public interface TransportFactory extends ComponentFactory<Transport> {

}
