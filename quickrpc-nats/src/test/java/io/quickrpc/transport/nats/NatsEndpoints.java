package io.quickrpc.transport.nats;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.quickrpc.RpcEndpoint;
import io.quickrpc.spi.Registry;

/**
 * Builds endpoints of {@link EchoApi} on NATS, in a namespace of the test's own, and stops them
 * after the test, checking that none is left running or waiting for replies.
 */
final class NatsEndpoints implements AfterEachCallback {

	private final List<RpcEndpoint<?>> started = new CopyOnWriteArrayList<>();

	private String namespace = newNamespace();

	private static String newNamespace() {
		return "test-" + UUID.randomUUID().toString().substring(0, 8);
	}

	String namespace() {
		return this.namespace;
	}

	/** Options that notice a silent peer within a second, for tests of peers that vanish. */
	static NatsOptions.Builder quickPresence() {
		return NatsOptions.builder().presence(java.time.Duration.ofMillis(200), java.time.Duration.ofSeconds(1));
	}

	/**
	 * Starts an endpoint.
	 * @param servers the server list, as in the expression
	 * @param group the service group, or {@code null}
	 * @param inverted whether it is a client of the API
	 * @param options the transport's options
	 * @param customizer changes to the builder
	 * @return the started endpoint
	 */
	RpcEndpoint<EchoApi> start(String servers, String group, boolean inverted, NatsOptions options,
			UnaryOperator<RpcEndpoint.Builder<EchoApi>> customizer) {
		RpcEndpoint<EchoApi> endpoint = customizer.apply(RpcEndpoint.builder(EchoApi.class)
			.inverted(inverted)
			.transportRegistry(Registry.transports().with(NatsOptions.class, options))
			.transport("nats:(" + servers + "):" + this.namespace + ((group != null) ? ":" + group : "")))
			.build();
		this.started.add(endpoint);
		return endpoint.start();
	}

	RpcEndpoint<EchoApi> start(String servers, String group, boolean inverted) {
		return start(servers, group, inverted, NatsOptions.defaults(), UnaryOperator.identity());
	}

	static String peerName(RpcEndpoint<?> endpoint) {
		return ((NatsTransport) endpoint.transport()).peerName();
	}

	@Override
	public void afterEach(ExtensionContext context) {
		List<RpcEndpoint<?>> stopping = List.copyOf(this.started);
		this.started.clear();
		stopping.forEach(RpcEndpoint::stop);
		for (RpcEndpoint<?> endpoint : stopping) {
			assertThat(endpoint.isRunning()).as("%s running after stop()", endpoint).isFalse();
			assertThat(endpoint.transport().isRunning()).as("%s running after stop()", endpoint.transport()).isFalse();
			assertThat(endpoint.pendingReplies()).as("replies pending for %s after stop()", endpoint).isZero();
		}
		this.namespace = newNamespace();
	}

}
