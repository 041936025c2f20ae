/**
 * Codecs: turn messages into bytes and back. Built in: {@code jrpc[:DELIM]}, JSON-RPC 2.0.
 */
@NullMarked
package io.quickrpc.codec;

import org.jspecify.annotations.NullMarked;
