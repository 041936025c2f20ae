package io.quickrpc.spring;

import io.quickrpc.RpcEndpoint;

/**
 * Customizes the builder of each endpoint the auto-configuration creates, after the properties
 * are applied. Beans of this type are applied in order.
 */
@FunctionalInterface
public interface RpcEndpointBuilderCustomizer {

	/**
	 * Customizes one endpoint's builder.
	 * @param name the endpoint's API name
	 * @param builder the builder
	 */
	void customize(String name, RpcEndpoint.Builder<?> builder);

}
