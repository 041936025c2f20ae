package io.quickrpc.spi;

/**
 * The name of the remote API a component is created for: {@link io.quickrpc.RpcEndpoint}'s
 * builder puts it in the registry's settings, so that a factory can default to it, as the NATS
 * transport defaults its subject namespace. Components created outside an endpoint's builder
 * find none.
 *
 * @param value the API name, such as {@code echo}
 */
public record ApiName(String value) {

}
