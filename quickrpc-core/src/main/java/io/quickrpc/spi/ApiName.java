package io.quickrpc.spi;

import java.util.List;

/**
 * The remote API a component is created for: {@link io.quickrpc.RpcEndpoint}'s builder puts it
 * in the registry's settings, so that a factory can default to its name, as the NATS transport
 * defaults its subject namespace, or describe it, as the NATS transport does to the NATS
 * services protocol. Components created outside an endpoint's builder find none.
 *
 * @param value the API name, such as {@code echo}
 * @param incomingMethods the names of the methods this side handles, in order
 */
public record ApiName(String value, List<String> incomingMethods) {

	/**
	 * Creates the setting.
	 * @param value the API name
	 * @param incomingMethods the methods this side handles
	 */
	public ApiName {
		incomingMethods = List.copyOf(incomingMethods);
	}

	/**
	 * Names an API without telling its methods.
	 * @param value the API name
	 */
	public ApiName(String value) {
		this(value, List.of());
	}

}
