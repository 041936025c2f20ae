/**
 * Spring Boot support for quickrpc: {@link io.quickrpc.RemoteApi} interfaces become injectable
 * beans, configured under {@code quickrpc.apis.NAME}, with {@link io.quickrpc.IncomingHandler}
 * bean methods connected for you.
 */
@NullMarked
package io.quickrpc.spring;

import org.jspecify.annotations.NullMarked;
