package io.quickrpc.spring.test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;

import io.quickrpc.RpcEndpoint;
import io.quickrpc.spi.Registry;
import io.quickrpc.transport.Transport;
import io.quickrpc.transport.bus.InternalBuses;

/**
 * The in-process transports of one application context: one bus per switched endpoint, named
 * after it, on buses of the context's own. The application's endpoint is the peer named
 * {@value #APPLICATION_PEER}; each test client gets a name of its own.
 */
final class InProcessTransports implements SmartInitializingSingleton {

	static final String APPLICATION_PEER = "application";

	private final Registry<Transport> registry = Registry.transports().with(InternalBuses.class, InternalBuses.create());

	private final Set<String> switched;

	private final ObjectProvider<RpcEndpoint<?>> endpoints;

	private final AtomicInteger clients = new AtomicInteger();

	/**
	 * @param switched the names of the endpoints to switch; empty for all
	 */
	InProcessTransports(List<String> switched, ObjectProvider<RpcEndpoint<?>> endpoints) {
		this.switched = Set.copyOf(switched);
		this.endpoints = endpoints;
	}

	boolean switches(String name) {
		return this.switched.isEmpty() || this.switched.contains(name);
	}

	/** Returns a new transport for the application's endpoint of this name. */
	Transport application(String name) {
		return this.registry.create("internal:" + name + ":" + APPLICATION_PEER);
	}

	/** Returns a new transport for a test client of the endpoint of this name. */
	Transport client(String name) {
		return this.registry.create("internal:" + name + ":test-client-" + this.clients.incrementAndGet());
	}

	/** Fails the startup if the annotation names an endpoint that does not exist. */
	@Override
	public void afterSingletonsInstantiated() {
		Set<String> known = new TreeSet<>();
		this.endpoints.orderedStream().forEach((endpoint) -> known.add(endpoint.name()));
		Set<String> unknown = new TreeSet<>(this.switched);
		unknown.removeAll(known);
		if (!unknown.isEmpty()) {
			throw new IllegalStateException("@AutoConfigureQuickRpcInProcess(apis) names " + unknown + ", but this "
					+ "application context has no quickrpc endpoint of such a name; name some of its endpoints " + known
					+ ", or leave apis empty to switch them all");
		}
	}

}
