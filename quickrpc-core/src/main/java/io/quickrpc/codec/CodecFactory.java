package io.quickrpc.codec;

import io.quickrpc.spi.ComponentFactory;

/**
 * Creates {@link Codec}s from expressions that start with its shorthand. Implementations are
 * found with {@link java.util.ServiceLoader}: list them in
 * {@code META-INF/services/io.quickrpc.codec.CodecFactory}.
 */
public interface CodecFactory extends ComponentFactory<Codec> {

}
