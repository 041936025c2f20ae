package io.quickrpc.security;

import io.quickrpc.spi.ComponentFactory;

/**
 * Creates {@link Security} providers from expressions that start with its shorthand.
 * Implementations are found with {@link java.util.ServiceLoader}: list them in
 * {@code META-INF/services/io.quickrpc.security.SecurityFactory}.
 */
public interface SecurityFactory extends ComponentFactory<Security> {

}
