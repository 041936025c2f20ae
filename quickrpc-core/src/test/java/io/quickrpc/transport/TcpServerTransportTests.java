package io.quickrpc.transport;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import org.junit.jupiter.api.Test;

import io.quickrpc.spi.Registry;
import io.quickrpc.transport.network.EventLoops;
import io.quickrpc.transport.network.NetworkOptions;

/** The transport contract for {@code tcpserv}, with plain sockets as peers. */
class TcpServerTransportTests extends AbstractTransportTest {

	@Override
	protected Transport createSubject(Registry<Transport> transports) {
		return transports.create("tcpserv:127.0.0.1:0");
	}

	@Override
	protected Remote connect(Transport subject) throws Exception {
		return Remotes.connect(subject.localAddress());
	}

	@Test
	void closedEventLoopsRefuseToStartATransportAndSaySo() {
		EventLoops closed = EventLoops.create(new RecordingThreads("test-closed-" + this.unique));
		closed.close();
		Transport transport = Registry.transports()
			.with(NetworkOptions.class, NetworkOptions.builder().eventLoops(closed).build())
			.create("tcpserv:127.0.0.1:0");

		assertThatExceptionOfType(TransportException.class).isThrownBy(() -> transport.start(new RecordingListener()))
			.withMessageContaining("these event loops are closed; create new ones, or use EventLoops.shared()");
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> EventLoops.shared().close())
			.withMessageContaining("close event loops made with EventLoops.create instead");
	}

}
