package io.quickrpc.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;

import org.junit.jupiter.api.Test;

import io.quickrpc.spi.Registry;
import io.quickrpc.transport.network.NetworkOptions;

/**
 * The transport contract for {@code mux}, of a TCP server and a bus member, with plain sockets
 * as peers.
 */
class MuxTransportTests extends AbstractTransportTest {

	@Override
	protected Transport createSubject(Registry<Transport> transports) {
		return transports.create("mux:(tcpserv:127.0.0.1:0)(internal:bus-" + this.unique + ":subject-" + this.unique
				+ ")");
	}

	@Override
	protected Remote connect(Transport subject) throws Exception {
		return Remotes.connect(subject.localAddress());
	}

	@Override
	protected boolean isSubjectThread(Thread thread) {
		return thread.getName().contains("subject-" + this.unique);
	}

	@Test
	void isNotRunningWhileOneOfItsTransportsIsDown() throws Exception {
		try (ServerSocketChannel server = Remotes.listen()) {
			Transport mux = Registry.transports()
				.with(NetworkOptions.class, options().build())
				.create("mux:(tcp:127.0.0.1:" + ((InetSocketAddress) server.getLocalAddress()).getPort()
						+ ")(internal:bus-" + this.unique + ":subject-" + this.unique + ")");
			RecordingListener listener = new RecordingListener();
			mux.start(listener);
			try (Remote remote = Remotes.accept(server)) {
				assertThat(mux.isRunning()).isTrue();

				remote.close();

				await().until(() -> listener.connectedPeers().size() == 1
						&& listener.events(listener.connectedPeers().get(0)).contains("disconnected"));
				assertThat(mux.isRunning()).as("running, with its TCP client disconnected").isFalse();
			}
			finally {
				mux.stop();
			}
		}
	}

}
