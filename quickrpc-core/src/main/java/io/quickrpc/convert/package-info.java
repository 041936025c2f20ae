/**
 * Conversion between Java values and JSON, straight from a codec's parser and into its
 * generator: {@link io.quickrpc.convert.Converter} and its factories, Jackson's the default.
 */
@NullMarked
package io.quickrpc.convert;

import org.jspecify.annotations.NullMarked;
