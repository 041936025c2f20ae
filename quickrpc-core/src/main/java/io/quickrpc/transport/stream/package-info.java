/**
 * Transports over a pair of byte streams with one peer: {@code stdio} (this process's standard
 * input and output) and {@code process} (a child process's).
 */
@NullMarked
package io.quickrpc.transport.stream;

import org.jspecify.annotations.NullMarked;
