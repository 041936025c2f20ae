package io.quickrpc.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import io.quickrpc.spi.Registry;
import io.quickrpc.transport.network.NetworkTransports;

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

	@Test
	void aPeerThatDoesNotFinishItsMessageWithinTheFrameTimeoutIsDropped() throws Exception {
		Transport subject = stopAfter(NetworkTransports.webSocketServer("127.0.0.1", 0, "/rpc",
				options().frameTimeout(Duration.ofMillis(200)).build()));
		RecordingListener listener = new RecordingListener();
		subject.start(listener);
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), subject.localAddress().getPort())) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(("GET /rpc HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			String response = new String(readHeaders(in), StandardCharsets.US_ASCII);
			assertThat(response).startsWith("HTTP/1.1 101");
			await().until(() -> listener.connectedPeers().size() == 1);

			// a masked text frame that announces 100 bytes, of which only 10 come
			out.write(new byte[] { (byte) 0x81, (byte) (0x80 | 100), 1, 2, 3, 4 });
			out.write(new byte[10]);
			out.flush();

			byte[] rest = in.readAllBytes();
			assertThat(rest).as("a close frame, then the end of the connection").startsWith((byte) 0x88);
			await().until(() -> subject.peers().isEmpty());
		}
	}

	private static byte[] readHeaders(InputStream in) throws IOException {
		ByteArrayOutputStream headers = new ByteArrayOutputStream();
		int matched = 0;
		while (matched < 4) {
			int next = in.read();
			if (next < 0) {
				break;
			}
			headers.write(next);
			matched = (next == ((matched % 2 == 0) ? '\r' : '\n')) ? matched + 1 : 0;
		}
		return headers.toByteArray();
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
