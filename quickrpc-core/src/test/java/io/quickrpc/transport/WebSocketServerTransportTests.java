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
import io.quickrpc.transport.network.NetworkOptions;
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
		try (Socket socket = upgraded(subject)) {
			await().until(() -> listener.connectedPeers().size() == 1);

			// in one write: a whole text message, then a frame that announces 100 bytes, of which
			// only 10 come
			ByteArrayOutputStream write = new ByteArrayOutputStream();
			write.write(frame(0x81, "hi\n"));
			write.write(new byte[] { (byte) 0x81, (byte) (0x80 | 100), 1, 2, 3, 4 });
			write.write(new byte[10]);
			socket.getOutputStream().write(write.toByteArray());

			byte[] rest = socket.getInputStream().readAllBytes();
			assertThat(rest).as("a close frame, then the end of the connection").startsWith((byte) 0x88);
			await().until(() -> subject.peers().isEmpty());
			assertThat(listener.messages(listener.connectedPeers().get(0))).containsExactly("hi");
		}
	}

	@Test
	void fragmentsArePutTogetherUpToTheFrameLimitThenThePeerIsClosedWith1009() throws Exception {
		Transport subject = stopAfter(createSubject(
				Registry.transports().with(NetworkOptions.class, options().build())));
		RecordingListener listener = new RecordingListener();
		subject.start(listener);
		try (Socket socket = upgraded(subject)) {
			await().until(() -> listener.connectedPeers().size() == 1);
			String peer = listener.connectedPeers().get(0);
			OutputStream out = socket.getOutputStream();

			out.write(frame(0x01, "hel")); // text, more to come
			out.write(frame(0x89, "")); // a ping between the fragments
			out.write(frame(0x80, "lo\n")); // the last fragment
			await().until(() -> listener.messages(peer).contains("hello"));
			String half = "x".repeat(MAX_FRAME_SIZE / 2 + 1);
			out.write(frame(0x01, half));
			out.write(frame(0x80, half));

			byte[] rest = socket.getInputStream().readAllBytes();
			int closeFrame = indexOfCloseFrame(rest);
			assertThat(closeFrame).as("a close frame").isNotNegative();
			assertThat(((rest[closeFrame + 2] & 0xff) << 8) | (rest[closeFrame + 3] & 0xff)).as("its status")
				.isEqualTo(1009);
			await().until(() -> subject.peers().isEmpty());
		}
	}

	@Test
	void aBinaryMessageIsReadAsTheSameBytesAndAnIdleConnectionIsPinged() throws Exception {
		Transport subject = stopAfter(NetworkTransports.webSocketServer("127.0.0.1", 0, "/rpc",
				options().keepalive(Duration.ofMillis(100), "unused".getBytes(StandardCharsets.US_ASCII)).build()));
		RecordingListener listener = new RecordingListener();
		subject.start(listener);
		try (Socket socket = upgraded(subject)) {
			await().until(() -> listener.connectedPeers().size() == 1);

			socket.getOutputStream().write(frame(0x82, "binary\n"));

			await().until(() -> listener.messages(listener.connectedPeers().get(0)).contains("binary"));
			byte[] ping = socket.getInputStream().readNBytes(2);
			assertThat(ping).as("an empty ping frame").containsExactly(0x89, 0x00);
		}
	}

	/** Connects a plain socket and upgrades it to a WebSocket by hand. */
	private static Socket upgraded(Transport subject) throws IOException {
		Socket socket = new Socket(InetAddress.getLoopbackAddress(), subject.localAddress().getPort());
		socket.setSoTimeout(10_000);
		socket.getOutputStream()
			.write(("GET /rpc HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
					+ "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
		ByteArrayOutputStream headers = new ByteArrayOutputStream();
		InputStream in = socket.getInputStream();
		int matched = 0;
		while (matched < 4) {
			int next = in.read();
			if (next < 0) {
				break;
			}
			headers.write(next);
			matched = (next == ((matched % 2 == 0) ? '\r' : '\n')) ? matched + 1 : 0;
		}
		assertThat(headers.toString(StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 101");
		return socket;
	}

	/** A frame as a client sends it, masked with zeros so that its payload reads as it is. */
	private static byte[] frame(int firstByte, String payload) {
		byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
		ByteArrayOutputStream frame = new ByteArrayOutputStream();
		frame.write(firstByte);
		if (bytes.length <= 125) {
			frame.write(0x80 | bytes.length);
		}
		else {
			frame.write(0x80 | 126);
			frame.write(bytes.length >> 8);
			frame.write(bytes.length & 0xff);
		}
		frame.writeBytes(new byte[4]);
		frame.writeBytes(bytes);
		return frame.toByteArray();
	}

	/** Where a close frame with a status starts among the frames a server sent, or -1. */
	private static int indexOfCloseFrame(byte[] frames) {
		int at = 0;
		while (at + 1 < frames.length) {
			int length = frames[at + 1] & 0x7f;
			if ((frames[at] & 0x0f) == 0x08 && length >= 2) {
				return at;
			}
			at += 2 + length; // a server's control frames are short and not masked
		}
		return -1;
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
