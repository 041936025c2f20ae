/**
 * Security providers: sign and check what is sent. Built in: {@code null}, {@code blindly_believe_everything}.
 */
@NullMarked
package io.quickrpc.security;

import org.jspecify.annotations.NullMarked;
