package io.quickrpc.transport.network;

import java.util.List;

import io.quickrpc.spi.Expression;
import io.quickrpc.spi.Registry;
import io.quickrpc.transport.Transport;
import io.quickrpc.transport.TransportFactory;

/**
 * Creates TCP servers, {@code tcpserv:IFACE:PORT}: every connection is a peer, named by its
 * remote address. An empty {@code IFACE} listens on all interfaces; port 0 lets the system
 * choose one, which {@link Transport#localAddress()} tells. Other settings:
 * {@link NetworkTransports#tcpServer}.
 */
public final class TcpServerTransportFactory implements TransportFactory {

	@Override
	public String shorthand() {
		return "tcpserv";
	}

	@Override
	public String syntax() {
		return "tcpserv:IFACE:PORT";
	}

	@Override
	public Transport create(Expression expression, Registry<Transport> registry) {
		List<String> arguments = expression.arguments();
		if (arguments.size() != 2) {
			throw expression.invalid("expected an interface (may be empty) and a port, as in tcpserv::8888");
		}
		String host = arguments.get(0).isBlank() ? null : TcpTransportFactory.host(arguments.get(0));
		return NetworkTransports.tcpServer(host, TcpTransportFactory.port(expression, arguments.get(1)),
				registry.setting(NetworkOptions.class, NetworkOptions.defaults()));
	}

}
