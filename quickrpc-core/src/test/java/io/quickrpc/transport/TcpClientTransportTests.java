package io.quickrpc.transport;

import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import io.quickrpc.spi.Registry;

/** The transport contract for {@code tcp}, connecting to a plain server socket. */
class TcpClientTransportTests extends AbstractTransportTest {

	private final ServerSocketChannel server = closeAfter(Remotes.listen());

	@Override
	protected Transport createSubject(Registry<Transport> transports) throws Exception {
		return transports.create("tcp:127.0.0.1:" + ((InetSocketAddress) this.server.getLocalAddress()).getPort());
	}

	@Override
	protected Remote connect(Transport subject) throws Exception {
		return Remotes.accept(this.server);
	}

	@Test
	void startingAgainAfterTheServerClosedReportsTheLostPeerGoneFirst() throws Exception {
		Transport subject = subject();
		RecordingListener listener = new RecordingListener();
		subject.start(listener);
		Remote remote = connect(subject);
		await().until(() -> !listener.connectedPeers().isEmpty());
		String peer = listener.connectedPeers().get(0);
		this.server.close();
		remote.close();
		await().until(() -> !subject.isRunning());

		// as a restart: transport does; no server listens any more
		assertThatExceptionOfType(TransportException.class).isThrownBy(() -> subject.start(listener));
		assertThat(listener.events(peer)).as("events of %s, as soon as start returned", peer).contains("disconnected");
	}

	@Test
	@Override
	@Disabled("a TCP client has one peer, its server")
	public void otherPeersGoOnWhenOneIsDropped() {
	}

}
