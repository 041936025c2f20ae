package io.quickrpc.transport.composite;

import java.util.ArrayList;
import java.util.List;

import io.quickrpc.spi.Expression;
import io.quickrpc.spi.Registry;
import io.quickrpc.transport.Transport;
import io.quickrpc.transport.TransportFactory;

/**
 * Creates a transport that runs several as one, {@code mux:(T1)(T2)...}: what any of them
 * receives reaches the listener; what is sent goes through the one that has the receiver, or
 * through all of them to reach every peer. It starts all or none.
 */
public final class MuxTransportFactory implements TransportFactory {

	@Override
	public String shorthand() {
		return "mux";
	}

	@Override
	public String syntax() {
		return "mux:(T1)(T2)...";
	}

	@Override
	public Transport create(Expression expression, Registry<Transport> registry) {
		List<String> groups = expression.groups();
		if (groups.isEmpty()) {
			throw expression.invalid("expected at least one transport in parentheses, as in mux:(tcpserv::8888)(stdio:)");
		}
		List<Transport> transports = new ArrayList<>();
		for (String group : groups) {
			transports.add(registry.create(group));
		}
		return new MuxTransport(transports);
	}

}
