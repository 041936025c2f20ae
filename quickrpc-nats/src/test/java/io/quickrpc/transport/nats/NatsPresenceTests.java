package io.quickrpc.transport.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quickrpc.spi.Registry;
import io.quickrpc.transport.Transport;

/**
 * Transports of one namespace, seen from their listeners: who receives a broadcast, and how long
 * a service group's peer lasts.
 */
class NatsPresenceTests {

	@RegisterExtension
	static final NatsServers servers = new NatsServers();

	private final String namespace = "presence-" + UUID.randomUUID().toString().substring(0, 8);

	private final List<Transport> started = new CopyOnWriteArrayList<>();

	@AfterEach
	void stopAll() {
		this.started.forEach(Transport::stop);
	}

	@Test
	void aBroadcastReachesEveryOtherEndpointAndNeverItsSender() {
		Recorder a = start(null);
		Recorder b = start(null);
		Recorder c = start(null);
		await().until(() -> a.transport.peers().size() == 2 && b.transport.peers().size() == 2
				&& c.transport.peers().size() == 2);

		a.transport.send(bytes("to all"), null);
		b.transport.send(bytes("marker"), List.of(a.name()));

		await().until(() -> a.received.contains(b.name() + ": marker"));
		await().until(() -> b.received.contains(a.name() + ": to all") && c.received.contains(a.name() + ": to all"));
		assertThat(a.received).containsExactly(b.name() + ": marker");
		assertThat(c.received).containsExactly(a.name() + ": to all");
	}

	@Test
	void theServicePeerIsPresentWhileAtLeastOneMemberIs() {
		Recorder client = start(null);
		Recorder first = start("workers");
		Recorder second = start("workers");
		await().until(() -> client.transport.peers().equals(java.util.Set.of("workers", first.name(), second.name())));
		assertThat(first.transport.peers()).containsExactlyInAnyOrder(client.name(), second.name());

		String firstName = first.name();
		String secondName = second.name();
		first.transport.stop();
		await().until(() -> client.events.contains("disconnected " + firstName));
		assertThat(client.transport.peers()).containsExactlyInAnyOrder("workers", secondName);
		assertThat(client.transport.defaultReceiver()).isEqualTo("workers");

		second.transport.stop();
		await().until(() -> client.events.contains("disconnected workers"));
		assertThat(client.transport.peers()).isEmpty();
		assertThat(client.transport.defaultReceiver()).isNull();
		assertThat(client.events).containsOnlyOnce("connected workers", "disconnected workers");
	}

	private Recorder start(String group) {
		Transport transport = Registry.transports().create("nats:(" + NatsServers.shared().url() + "):" + this.namespace
				+ ((group != null) ? ":" + group : ""));
		Recorder recorder = new Recorder(transport);
		this.started.add(transport);
		transport.start(recorder);
		return recorder;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** Records the events and messages a transport delivers. */
	private static final class Recorder implements Transport.Listener {

		final Transport transport;

		final List<String> events = new CopyOnWriteArrayList<>();

		final List<String> received = new CopyOnWriteArrayList<>();

		Recorder(Transport transport) {
			this.transport = transport;
		}

		String name() {
			return ((NatsTransport) this.transport).peerName();
		}

		@Override
		public void received(String peer, ByteBuffer data) {
			byte[] bytes = new byte[data.remaining()];
			data.get(bytes);
			this.received.add(peer + ": " + new String(bytes, StandardCharsets.UTF_8));
		}

		@Override
		public void peerConnected(String peer) {
			this.events.add("connected " + peer);
		}

		@Override
		public void peerDisconnected(String peer) {
			this.events.add("disconnected " + peer);
		}

	}

}
