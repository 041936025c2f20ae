package io.quickrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Set;

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
	private static final class Preferring implements Transport {

		private final Transport delegate;

		private final @Nullable String preferred;

		Preferring(Transport delegate, @Nullable String preferred) {
			this.delegate = delegate;
			this.preferred = preferred;
		}

		@Override
		public @Nullable String defaultReceiver() {
			return this.preferred;
		}

		@Override
		public void start(Listener listener) {
			this.delegate.start(new Listener() {

				@Override
				public void received(String peer, ByteBuffer data) {
					listener.received(peer, data);
				}

				@Override
				public void peerConnected(String peer) {
					listener.peerConnected(peer);
				}

				@Override
				public void peerDisconnected(String peer) {
					listener.peerDisconnected(peer);
				}

			});
		}

		@Override
		public void stop() {
			this.delegate.stop();
		}

		@Override
		public boolean isRunning() {
			return this.delegate.isRunning();
		}

		@Override
		public void send(byte[] data, @Nullable Collection<String> receivers) {
			this.delegate.send(data, receivers);
		}

		@Override
		public Set<String> peers() {
			return this.delegate.peers();
		}

	}

}
