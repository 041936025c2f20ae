package io.quickrpc.spring.web;

import io.quickrpc.spi.Expression;
import io.quickrpc.spi.Registry;
import io.quickrpc.transport.Transport;
import io.quickrpc.transport.TransportFactory;
import io.quickrpc.transport.network.NetworkOptions;

/**
 * Creates transports served on the Spring application's own web server, {@code web:/PATH}:
 * WebSocket sessions at the path are peers, each message one frame of the API's codec, and
 * JSON-RPC calls posted there are answered when the codec is {@code jrpc}. Needs a
 * servlet application with {@code spring-boot-starter-websocket}, or a reactive one with
 * {@code spring-boot-starter-webflux}, whose configuration hands the registry the
 * {@link WebTransportOptions}. Limits come from the registry's {@link NetworkOptions}.
 */
public final class WebTransportFactory implements TransportFactory {

	@Override
	public String shorthand() {
		return "web";
	}

	@Override
	public String syntax() {
		return "web:/PATH";
	}

	@Override
	public Transport create(Expression expression, Registry<Transport> registry) {
		String path = expression.body().strip();
		if (!path.startsWith("/") || path.contains("*") || path.contains("{") || path.contains("?")) {
			throw expression.invalid("expected a path on the application's web server, such as web:/rpc/echo "
					+ "(no patterns, no query)");
		}
		WebTransportOptions options = registry.setting(WebTransportOptions.class, null);
		if (options == null) {
			throw expression.invalid("web: serves on the Spring application's own web server, and this application "
					+ "has none that quickrpc can use: add spring-boot-starter-websocket (Spring MVC) or "
					+ "spring-boot-starter-webflux, and do not set spring.main.web-application-type=none");
		}
		return new WebTransport(path, options, registry.setting(NetworkOptions.class, NetworkOptions.defaults()));
	}

}
