package io.quickrpc.transport.network;

import java.net.URI;
import java.util.List;

import io.quickrpc.spi.Expression;
import io.quickrpc.spi.Registry;
import io.quickrpc.transport.Transport;
import io.quickrpc.transport.TransportFactory;

/**
 * Creates WebSocket clients, {@code ws:HOST:PORT/PATH} or {@code ws://HOST:PORT/PATH}: one
 * connection to a WebSocket server, its peer named {@code HOST:PORT}; each frame of the codec
 * travels as one text message, without its delimiter. The port defaults to 80 and the path to
 * {@code /}. Plain, whatever TLS the network options carry: use {@code wss:} for TLS. Other
 * settings: {@link NetworkTransports#webSocketClient}.
 */
public final class WebSocketTransportFactory implements TransportFactory {

	@Override
	public String shorthand() {
		return "ws";
	}

	@Override
	public String syntax() {
		return "ws:HOST:PORT/PATH";
	}

	@Override
	public Transport create(Expression expression, Registry<Transport> registry) {
		return client(expression, registry, 80);
	}

	/** Creates a client of {@code ws:} or {@code wss:}, whose scheme is the expression's shorthand. */
	static Transport client(Expression expression, Registry<Transport> registry, int defaultPort) {
		String scheme = expression.shorthand();
		Address address = Address.parse(expression, defaultPort);
		if (address.host().isBlank()) {
			throw expression.invalid("expected a host, as in " + scheme + ":localhost:8080/rpc");
		}
		String host = address.host().contains(":") ? "[" + address.host() + "]" : address.host();
		URI uri;
		try {
			uri = new URI(scheme + "://" + host + ":" + address.port() + address.path());
		}
		catch (java.net.URISyntaxException ex) {
			throw expression.invalid("'" + address.path() + "' is not a valid path: " + ex.getReason());
		}
		return NetworkTransports.webSocketClient(uri,
				registry.setting(NetworkOptions.class, NetworkOptions.defaults()));
	}

	/**
	 * A host, a port and a path, as in {@code HOST:PORT/PATH}, {@code //HOST:PORT/PATH} or, with
	 * a default port, {@code HOST/PATH}; the path defaults to {@code /}.
	 */
	record Address(String host, int port, String path) {

		static Address parse(Expression expression, int defaultPort) {
			List<String> arguments = expression.arguments();
			if (arguments.isEmpty() || arguments.size() > 2) {
				throw expression.invalid("expected a host, a port and a path, as in " + expression.shorthand()
						+ ":localhost:8080/rpc");
			}
			String first = arguments.get(0).strip();
			if (first.startsWith("//")) {
				first = first.substring(2);
			}
			if (arguments.size() == 1) {
				int slash = first.indexOf('/', Math.max(0, first.lastIndexOf(']')));
				String host = (slash < 0) ? first : first.substring(0, slash);
				String path = (slash < 0) ? "/" : first.substring(slash);
				if (defaultPort < 0) {
					throw expression.invalid("expected a port, as in " + expression.shorthand() + "::8080/rpc");
				}
				return new Address(TcpTransportFactory.host(host), defaultPort, path);
			}
			String rest = arguments.get(1).strip();
			int slash = rest.indexOf('/');
			String port = (slash < 0) ? rest : rest.substring(0, slash);
			String path = (slash < 0) ? "/" : rest.substring(slash);
			return new Address(TcpTransportFactory.host(first), TcpTransportFactory.port(expression, port), path);
		}

	}

}
