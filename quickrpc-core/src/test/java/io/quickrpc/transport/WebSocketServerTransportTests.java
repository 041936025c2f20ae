package io.quickrpc.transport;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import io.quickrpc.spi.Registry;

/** The transport contract for {@code wsserv}, with the JDK's WebSocket client as peers. */
class WebSocketServerTransportTests extends AbstractTransportTest {

	@Override
	protected Transport createSubject(Registry<Transport> transports) {
		return transports.create("wsserv:127.0.0.1:0/rpc");
	}

	@Override
	protected Remote connect(Transport subject) {
		return new WebSocketRemote(
				JdkWebSocket.open(URI.create("ws://127.0.0.1:" + subject.localAddress().getPort() + "/rpc")));
	}

	@Test
	@Override
	@Disabled("a WebSocket message is one whole frame: nothing is kept from one message for the next")
	public void bytesSplitAcrossReadsAreKeptUntilTheMessageIsWhole() {
	}

	/** A peer over the JDK's WebSocket: each send is one text message. */
	static final class WebSocketRemote extends Remote {

		private final JdkWebSocket socket;

		WebSocketRemote(JdkWebSocket socket) {
			this.socket = socket;
		}

		@Override
		protected void send(byte[] data) {
			this.socket.send(new String(data, StandardCharsets.UTF_8));
		}

		@Override
		protected String receive(int length) {
			return this.socket.received().first(length);
		}

		@Override
		protected boolean closedBySubject() {
			return this.socket.closed().isDone();
		}

		@Override
		public void close() {
			this.socket.close();
		}

	}

}
