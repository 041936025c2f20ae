package io.quickrpc.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import io.quickrpc.spi.Registry;
import io.quickrpc.transport.network.NetworkOptions;

/** The transport contract for {@code udp}, with datagram sockets as peers. */
class UdpTransportTests extends AbstractTransportTest {

	@Override
	protected Transport createSubject(Registry<Transport> transports) {
		return transports.create("udp:0");
	}

	@Override
	protected Remote connect(Transport subject) throws Exception {
		return new Remotes.DatagramRemote(subject.localAddress());
	}

	@Test
	@Override
	@Disabled("udp has no connections: a host leaves only when forgotten, or silent past keepalive")
	public void peerEventsComeInOrder() {
	}

	@Test
	@Override
	@Disabled("udp has no stream to split: a datagram holds whole messages, and what it leaves is dropped")
	public void bytesSplitAcrossReadsAreKeptUntilTheMessageIsWhole() {
	}

	@Test
	@Override
	@Disabled("udp drops a datagram past the frame limit, not the host: there is no connection to close")
	public void aPeerPastTheFrameLimitIsDroppedAndTheTransportGoesOn() {
	}

	@Test
	@Override
	@Disabled("udp drops a datagram past the frame limit, not the host: there is no connection to close")
	public void otherPeersGoOnWhenOneIsDropped() {
	}

	@Test
	@Override
	@Disabled("udp has no connections: a host that closed its socket cannot be told from a silent one")
	public void sendingToAPeerThatLeftIsAClearError() {
	}

	@Test
	void aDatagramPastTheFrameLimitIsDroppedAndTheHostStays() throws Exception {
		Transport subject = stopAfter(Registry.transports().with(NetworkOptions.class, options().build()).create("udp:0"));
		RecordingListener listener = new RecordingListener();
		subject.start(listener);
		Remote remote = closeAfter(connect(subject));
		remote.send(bytes("first\n"));
		await().until(() -> !listener.connectedPeers().isEmpty());
		String host = listener.connectedPeers().get(0);

		remote.send(new byte[MAX_FRAME_SIZE + 1]);
		remote.send(bytes("after\n"));

		await().until(() -> listener.messages(host).contains("after"));
		assertThat(listener.events(host)).containsExactly("connected", "received", "received");
	}

	@Test
	void aHostSilentForThreeKeepaliveIntervalsLeaves() throws Exception {
		NetworkOptions options = options().keepalive(Duration.ofMillis(50), bytes("\n")).build();
		Transport subject = stopAfter(Registry.transports().with(NetworkOptions.class, options).create("udp:0"));
		RecordingListener listener = new RecordingListener();
		subject.start(listener);
		Remote remote = closeAfter(connect(subject));
		remote.send(bytes("hello\n"));
		await().until(() -> !listener.connectedPeers().isEmpty());
		String host = listener.connectedPeers().get(0);

		assertThat(remote.receive(1)).as("the keepalive message").isEqualTo("\n");
		await().until(() -> listener.events(host).contains("disconnected"));
		assertThat(subject.peers()).doesNotContain(host);
	}

	@Test
	void hostsBeyondTheMaximumAreForgottenAndReportedGone() throws Exception {
		Transport subject = stopAfter(
				Registry.transports().with(NetworkOptions.class, options().maxConnections(1).build()).create("udp:0"));
		RecordingListener listener = new RecordingListener();
		subject.start(listener);
		Remote first = closeAfter(connect(subject));
		first.send(bytes("one\n"));
		await().until(() -> listener.connectedPeers().size() == 1);
		Remote second = closeAfter(connect(subject));

		second.send(bytes("two\n"));

		await().until(() -> listener.connectedPeers().size() == 2);
		String forgotten = listener.connectedPeers().get(0);
		await().until(() -> listener.events(forgotten).contains("disconnected"));
		assertThat(subject.peers()).containsExactly(listener.connectedPeers().get(1));
	}

}
