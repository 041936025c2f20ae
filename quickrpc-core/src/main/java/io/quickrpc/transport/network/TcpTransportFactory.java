package io.quickrpc.transport.network;

import java.util.List;

import io.quickrpc.spi.Expression;
import io.quickrpc.spi.Registry;
import io.quickrpc.transport.Transport;
import io.quickrpc.transport.TransportFactory;

/**
 * Creates TCP clients, {@code tcp:HOST:PORT}: one connection to a server, its peer named
 * {@code HOST:PORT}. Other settings: {@link NetworkTransports#tcpClient}.
 */
public final class TcpTransportFactory implements TransportFactory {

	@Override
	public String shorthand() {
		return "tcp";
	}

	@Override
	public String syntax() {
		return "tcp:HOST:PORT";
	}

	@Override
	public Transport create(Expression expression, Registry<Transport> registry) {
		List<String> arguments = expression.arguments();
		if (arguments.size() != 2 || arguments.get(0).isBlank()) {
			throw expression.invalid("expected a host and a port, as in tcp:localhost:8888");
		}
		return NetworkTransports.tcpClient(host(arguments.get(0)), port(expression, arguments.get(1)),
				registry.setting(NetworkOptions.class, NetworkOptions.defaults()));
	}

	static String host(String text) {
		String host = text.strip();
		return (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
	}

	static int port(Expression expression, String text) {
		try {
			int port = Integer.parseInt(text.strip());
			if (port >= 0 && port <= 65535) {
				return port;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw expression.invalid("port '" + text + "' is not a number from 0 to 65535");
	}

}
