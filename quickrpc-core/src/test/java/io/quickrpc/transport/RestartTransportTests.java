package io.quickrpc.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quickrpc.spi.Registry;
import io.quickrpc.transport.network.NetworkOptions;

/**
 * The transport contract for {@code restart}, keeping a TCP server running, with plain sockets as
 * peers. Only this class restarts that expression, so its checker thread is known by name.
 */
class RestartTransportTests extends AbstractTransportTest {

	private static final String INNER = "tcpserv:127.0.0.1:0";

	@Override
	protected Transport createSubject(Registry<Transport> transports) {
		return transports.create("restart:0.05:" + INNER);
	}

	@Override
	protected Remote connect(Transport subject) throws Exception {
		// the first start of the inner transport runs on the checker thread, soon after start()
		await().until(subject::isRunning);
		return Remotes.connect(subject.localAddress());
	}

	@Override
	protected boolean isSubjectThread(Thread thread) {
		return thread.getName().equals("quickrpc-restart-" + INNER);
	}

	@Test
	void isNotRunningWhileItsTransportIsDown() throws Exception {
		ServerSocketChannel server = Remotes.listen();
		Transport restart = Registry.transports()
			.with(NetworkOptions.class, options().build())
			.create("restart:0.05:tcp:127.0.0.1:" + ((InetSocketAddress) server.getLocalAddress()).getPort());
		RecordingListener listener = new RecordingListener();
		restart.start(listener);
		try {
			Remote remote = Remotes.accept(server);
			await().until(restart::isRunning);

			// no server to reconnect to: the client stays down
			server.close();
			remote.close();

			await().until(() -> !listener.connectedPeers().isEmpty()
					&& listener.events(listener.connectedPeers().get(0)).contains("disconnected"));
			assertThat(restart.isRunning()).as("running, with its TCP client disconnected").isFalse();
			assertThatExceptionOfType(TransportException.class)
				.isThrownBy(() -> restart.send(bytes("lost\n"), List.of(listener.connectedPeers().get(0))))
				.withMessageContaining("is not running now")
				.withMessageContaining("try again then");
		}
		finally {
			restart.stop();
		}
	}

}
