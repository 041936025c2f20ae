package io.quickrpc;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Builds endpoints (on a bus of their own unless told otherwise) and stops them after each test.
 */
final class Endpoints implements AfterEachCallback {

	private final List<RpcEndpoint<?>> started = new ArrayList<>();

	private String bus = newBus();

	static String newBus() {
		return "test-" + UUID.randomUUID();
	}

	String bus() {
		return this.bus;
	}

	<T> RpcEndpoint<T> start(Class<T> api, boolean inverted) {
		return start(api, inverted, UnaryOperator.identity());
	}

	<T> RpcEndpoint<T> start(Class<T> api, boolean inverted, UnaryOperator<RpcEndpoint.Builder<T>> customizer) {
		RpcEndpoint<T> endpoint = customizer
			.apply(RpcEndpoint.builder(api).transport("internal:" + this.bus).inverted(inverted))
			.build();
		this.started.add(endpoint);
		return endpoint.start();
	}

	/** Builds and starts an endpoint, to stop after the test. */
	<T> RpcEndpoint<T> start(RpcEndpoint.Builder<T> builder) {
		RpcEndpoint<T> endpoint = builder.build();
		this.started.add(endpoint);
		return endpoint.start();
	}

	/** Stops an endpoint before the test ends. */
	void stop(RpcEndpoint<?> endpoint) {
		endpoint.stop();
		this.started.remove(endpoint);
	}

	/** The port a started server endpoint listens on. */
	static int port(RpcEndpoint<?> server) {
		return server.transport().localAddress().getPort();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		this.started.forEach(RpcEndpoint::stop);
		this.started.clear();
		QuickrpcThreads.awaitNoneLeft();
		this.bus = newBus();
	}

}
