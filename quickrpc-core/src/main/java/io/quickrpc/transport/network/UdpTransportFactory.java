package io.quickrpc.transport.network;

import java.util.List;

import io.quickrpc.spi.Expression;
import io.quickrpc.spi.Registry;
import io.quickrpc.transport.Transport;
import io.quickrpc.transport.TransportFactory;

/**
 * Creates the UDP transport, {@code udp:PORT}: datagrams sent and received on one port. A peer
 * is a host, reached on the same port, or {@code HOST:PORT}; sending to every peer broadcasts.
 * Messages must fit in one datagram (keep them under about 1,400 bytes on a LAN). It takes the
 * maximum frame size, the number of hosts to remember, keepalive and event loops from
 * {@link NetworkOptions}.
 */
public final class UdpTransportFactory implements TransportFactory {

	@Override
	public String shorthand() {
		return "udp";
	}

	@Override
	public String syntax() {
		return "udp:PORT";
	}

	@Override
	public Transport create(Expression expression, Registry<Transport> registry) {
		List<String> arguments = expression.arguments();
		if (arguments.size() != 1) {
			throw expression.invalid("expected a port, as in udp:8888");
		}
		return new UdpTransport(TcpTransportFactory.port(expression, arguments.get(0)),
				registry.setting(NetworkOptions.class, NetworkOptions.defaults()));
	}

}
