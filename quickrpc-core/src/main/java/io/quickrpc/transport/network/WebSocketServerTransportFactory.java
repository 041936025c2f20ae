package io.quickrpc.transport.network;

import io.quickrpc.spi.Expression;
import io.quickrpc.spi.Registry;
import io.quickrpc.transport.Transport;
import io.quickrpc.transport.TransportFactory;

/**
 * Creates WebSocket servers, {@code wsserv:IFACE:PORT/PATH}: every WebSocket connection to
 * {@code PATH} (default {@code /}) is a peer, named by its remote address; each frame of the
 * codec travels as one text message, without its delimiter. An empty {@code IFACE} listens on all
 * interfaces; port 0 lets the system choose one, which {@link Transport#localAddress()} tells.
 * With TLS in the network options, it serves {@code wss://}. Other settings:
 * {@link NetworkTransports#webSocketServer}.
 */
public final class WebSocketServerTransportFactory implements TransportFactory {

	@Override
	public String shorthand() {
		return "wsserv";
	}

	@Override
	public String syntax() {
		return "wsserv:IFACE:PORT/PATH";
	}

	@Override
	public Transport create(Expression expression, Registry<Transport> registry) {
		WebSocketTransportFactory.Address address = WebSocketTransportFactory.Address.parse(expression, -1);
		return NetworkTransports.webSocketServer(address.host().isBlank() ? null : address.host(), address.port(),
				address.path(), registry.setting(NetworkOptions.class, NetworkOptions.defaults()));
	}

}
