/**
 * quickrpc: declare a remote API once as an annotated interface, and use it from both sides
 * through an {@link io.quickrpc.RpcEndpoint}.
 */
@NullMarked
package io.quickrpc;

import org.jspecify.annotations.NullMarked;
