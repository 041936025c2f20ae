/**
 * The plug-in mechanism: codecs, transports and security providers created from short expressions such as {@code tcpserv::8888}, by factories found with {@link java.util.ServiceLoader}.
 */
@NullMarked
package io.quickrpc.spi;

import org.jspecify.annotations.NullMarked;
