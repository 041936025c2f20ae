package io.quickrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.quickrpc.transport.RecordingThreads;
import io.quickrpc.transport.network.EventLoops;
import io.quickrpc.transport.network.NetworkOptions;

/**
 * Builds endpoints (on a bus of their own unless told otherwise) and stops them after each test,
 * then checks that what the test created is gone: its endpoints and their transports stopped, and
 * the threads of its event loops ended. It looks at nothing else in the JVM, so test classes may
 * run side by side.
 */
final class Endpoints implements AfterEachCallback {

	private final List<RpcEndpoint<?>> started = new ArrayList<>();

	private final String unique = UUID.randomUUID().toString().substring(0, 8);

	private final RecordingThreads eventLoopThreads = new RecordingThreads("test-netty-" + this.unique);

	private final EventLoops eventLoops = EventLoops.create(this.eventLoopThreads);

	private String bus = newBus();

	static String newBus() {
		return "test-" + UUID.randomUUID();
	}

	String bus() {
		return this.bus;
	}

	/** Network options whose transports run on this test's own event loops. */
	NetworkOptions.Builder networkOptions() {
		return NetworkOptions.builder().eventLoops(this.eventLoops);
	}

	/** The threads of this test's event loops, as they were made. */
	RecordingThreads eventLoopThreads() {
		return this.eventLoopThreads;
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
		List<RpcEndpoint<?>> stopping = new ArrayList<>(this.started);
		this.started.clear();
		stopping.forEach(RpcEndpoint::stop);
		for (RpcEndpoint<?> endpoint : stopping) {
			assertThat(endpoint.isRunning()).as("%s running after stop()", endpoint).isFalse();
			assertThat(endpoint.transport().isRunning()).as("%s running after stop()", endpoint.transport()).isFalse();
			assertThat(endpoint.pendingReplies()).as("replies pending for %s after stop()", endpoint).isZero();
		}
		this.eventLoops.close();
		await().untilAsserted(() -> assertThat(this.eventLoopThreads.alive())
			.as("threads of this test's event loops alive after the test").isEmpty());
		this.bus = newBus();
	}

}
