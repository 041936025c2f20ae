package io.quickrpc.spring;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.jspecify.annotations.Nullable;

import io.quickrpc.RpcEndpoint;

/**
 * The address an endpoint's transport listens on, as {@code HOST:PORT}, for logs, the actuator
 * endpoint and health: with port 0 in the expression, the port the system chose.
 */
final class BoundAddress {

	private BoundAddress() {
	}

	static @Nullable String of(RpcEndpoint<?> endpoint) {
		InetSocketAddress address = endpoint.transport().localAddress();
		if (address == null) {
			return null;
		}
		InetAddress ip = address.getAddress();
		String host = (ip != null) ? ip.getHostAddress() : address.getHostString();
		return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
	}

}
