package io.quickrpc.transport.network;

import io.quickrpc.spi.Expression;
import io.quickrpc.spi.Registry;
import io.quickrpc.transport.Transport;
import io.quickrpc.transport.TransportFactory;

/**
 * Creates WebSocket clients over TLS, {@code wss:HOST:PORT/PATH} or {@code wss://HOST:PORT/PATH},
 * as {@code ws:} does; the port defaults to 443. TLS settings come from the network options;
 * without any, the client trusts the JVM's default certificate authorities and checks the host
 * name.
 */
public final class SecureWebSocketTransportFactory implements TransportFactory {

	@Override
	public String shorthand() {
		return "wss";
	}

	@Override
	public String syntax() {
		return "wss:HOST:PORT/PATH";
	}

	@Override
	public Transport create(Expression expression, Registry<Transport> registry) {
		return WebSocketTransportFactory.client(expression, registry, 443);
	}

}
