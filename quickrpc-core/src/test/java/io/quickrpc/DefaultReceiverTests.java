package io.quickrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;


import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quickrpc.spi.Registry;
import io.quickrpc.transport.Transport;

/**
 * A transport's {@link Transport#defaultReceiver()}: where a request without {@code @Peer} goes
 * while several peers are connected, as a NATS service group is one peer among others.
 */
class DefaultReceiverTests {

	@RegisterExtension
	final Endpoints endpoints = new Endpoints();

	@Test
	void aRequestWithoutPeerGoesToTheDefaultReceiverAmongSeveralPeers() {
		server("first");
		server("second");
		RpcEndpoint<EchoApi> client = this.endpoints.start(RpcEndpoint.builder(EchoApi.class)
			.inverted(true)
			.transport(new Preferring(Registry.transports().create("internal:" + this.endpoints.bus() + ":client"),
					"second")));
		await().until(() -> client.peers().size() == 2);

		assertThat(client.api().ping("hello")).isEqualTo("hello from second");
		assertThat(client.api().ping("again")).isEqualTo("again from second");
	}

	@Test
	void withoutADefaultReceiverSuchARequestStillNeedsExactlyOnePeer() {
		server("first");
		server("second");
		RpcEndpoint<EchoApi> client = this.endpoints.start(RpcEndpoint.builder(EchoApi.class)
			.inverted(true)
			.transport(new Preferring(Registry.transports().create("internal:" + this.endpoints.bus() + ":client"),
					null)));
		await().until(() -> client.peers().size() == 2);

		assertThatExceptionOfType(RpcException.class).isThrownBy(() -> client.api().ping("hello"))
			.withMessageContaining("2 peers are connected");
	}

	private void server(String name) {
		RpcEndpoint<EchoApi> server = this.endpoints.start(RpcEndpoint.builder(EchoApi.class)
			.transport("internal:" + this.endpoints.bus() + ":" + name));
		server.connect("ping", (call) -> call.argument("text") + " from " + name);
	}

	/** A transport with a default receiver, the rest delegated. */
	private static final class Preferring extends ForwardingTransport {

		private final @Nullable String preferred;

		Preferring(Transport delegate, @Nullable String preferred) {
			super(delegate);
			this.preferred = preferred;
		}

		@Override
		public @Nullable String defaultReceiver() {
			return this.preferred;
		}

	}

}
