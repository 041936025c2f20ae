package io.quickrpc.transport.nats;

import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.quickrpc.spi.Registry;
import io.quickrpc.transport.AbstractTransportTest;
import io.quickrpc.transport.Transport;

/**
 * The transport contract for {@code nats}: the subject and its remotes are endpoints of one
 * namespace, the remotes plain members of it, each on a connection of its own.
 */
class NatsTransportContractTests extends AbstractTransportTest {

	@RegisterExtension
	static final NatsServers servers = new NatsServers();

	private final AtomicInteger remotes = new AtomicInteger();

	private final String namespace = "contract-" + this.unique;

	private String expression() {
		return "nats:(" + NatsServers.shared().url() + "):" + this.namespace;
	}

	@Override
	protected Transport createSubject(Registry<Transport> transports) {
		return transports
			.with(NatsOptions.class, NatsOptions.builder().connectionName("subject-" + this.unique).build())
			.create(expression());
	}

	@Override
	protected Remote connect(Transport subject) {
		String subjectName = ((NatsTransport) subject).peerName();
		Transport transport = Registry.transports()
			.with(NatsOptions.class,
					NatsOptions.builder().connectionName("remote-" + this.remotes.incrementAndGet() + "-" + this.unique)
						.build())
			.create(expression());
		NatsRemote remote = new NatsRemote(transport, subjectName);
		await().until(() -> transport.peers().contains(subjectName));
		return remote;
	}

	@Override
	protected boolean isSubjectThread(Thread thread) {
		return thread.getName().startsWith("subject-" + this.unique);
	}

	/** Another endpoint of the namespace, sending to the subject by its peer name. */
	static final class NatsRemote extends Remote implements Transport.Listener {

		private final Transport transport;

		private final List<String> subject;

		private final ByteArrayOutputStream received = new ByteArrayOutputStream();

		private volatile boolean disconnected;

		NatsRemote(Transport transport, String subject) {
			this.transport = transport;
			this.subject = List.of(subject);
			transport.start(this);
		}

		@Override
		public void received(String peer, ByteBuffer data) {
			byte[] bytes = new byte[data.remaining()];
			data.get(bytes);
			synchronized (this.received) {
				this.received.writeBytes(bytes);
			}
		}

		@Override
		public void peerDisconnected(String peer) {
			if (this.subject.contains(peer)) {
				this.disconnected = true;
			}
		}

		@Override
		protected void send(byte[] data) {
			this.transport.send(data, this.subject);
		}

		@Override
		protected String receive(int length) {
			await().until(() -> size() >= length);
			synchronized (this.received) {
				return new String(this.received.toByteArray(), 0, length, StandardCharsets.UTF_8);
			}
		}

		private int size() {
			synchronized (this.received) {
				return this.received.size();
			}
		}

		@Override
		protected boolean closedBySubject() {
			return this.disconnected || !this.transport.isRunning();
		}

		@Override
		public void close() {
			this.transport.stop();
		}

	}

}
