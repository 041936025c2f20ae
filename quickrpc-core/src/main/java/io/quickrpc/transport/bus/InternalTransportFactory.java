package io.quickrpc.transport.bus;

import java.util.List;

import io.quickrpc.spi.Expression;
import io.quickrpc.spi.Registry;
import io.quickrpc.transport.Transport;
import io.quickrpc.transport.TransportFactory;
import io.quickrpc.transport.network.NetworkOptions;

/**
 * Creates the in-process bus transport, {@code internal[:BUS[:NAME]]}: every endpoint on the
 * same bus in this process is a peer of every other. {@code BUS} defaults to {@code default};
 * {@code NAME}, the peer name others see, defaults to a unique {@code internal-N}. The buses are
 * {@link InternalBuses#shared()} unless the registry carries others; the maximum frame size
 * comes from {@link NetworkOptions}.
 */
public final class InternalTransportFactory implements TransportFactory {

	@Override
	public String shorthand() {
		return "internal";
	}

	@Override
	public String syntax() {
		return "internal[:BUS[:NAME]]";
	}

	@Override
	public Transport create(Expression expression, Registry<Transport> registry) {
		List<String> arguments = expression.arguments();
		if (arguments.size() > 2) {
			throw expression.invalid("expected at most a bus and a peer name");
		}
		String bus = (arguments.isEmpty() || arguments.get(0).isBlank()) ? "default" : arguments.get(0).strip();
		String name = (arguments.size() < 2 || arguments.get(1).isBlank()) ? null : arguments.get(1).strip();
		return new InternalTransport(registry.setting(InternalBuses.class, InternalBuses.shared()), bus, name,
				registry.setting(NetworkOptions.class, NetworkOptions.defaults()).maxFrameSize());
	}

}
