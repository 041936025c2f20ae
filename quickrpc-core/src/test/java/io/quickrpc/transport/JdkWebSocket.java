package io.quickrpc.transport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket client that is not ours: the JDK's {@link WebSocket}. It keeps every text message it
 * receives, whole, and the status the server closed it with.
 */
public final class JdkWebSocket implements AutoCloseable {

	/** One client for all: each holds a selector thread until it is collected. */
	private static final HttpClient CLIENT = HttpClient.newHttpClient();

	private final WebSocket socket;

	private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

	private final Remotes.Received received = new Remotes.Received();

	private final CompletableFuture<Integer> closed = new CompletableFuture<>();

	private JdkWebSocket(URI uri) {
		this.socket = CLIENT.newWebSocketBuilder().buildAsync(uri, new Listener()).join();
	}

	/**
	 * Opens a connection.
	 * @param uri the server's URI
	 * @return the open connection
	 */
	public static JdkWebSocket open(URI uri) {
		return new JdkWebSocket(uri);
	}

	/**
	 * Sends one whole text message and waits until it is sent.
	 * @param text the message
	 */
	public synchronized void send(String text) {
		this.socket.sendText(text, true).join();
	}

	/**
	 * Waits for the next message.
	 * @return the message
	 * @throws InterruptedException if interrupted
	 */
	public String next() throws InterruptedException {
		String message = this.messages.poll(30, TimeUnit.SECONDS);
		if (message == null) {
			throw new AssertionError("no WebSocket message within 30 s");
		}
		return message;
	}

	/**
	 * Returns what completes with the close status when the server closes the connection, or
	 * with -1 when it breaks it.
	 * @return the status
	 */
	public CompletableFuture<Integer> closed() {
		return this.closed;
	}

	Remotes.Received received() {
		return this.received;
	}

	@Override
	public void close() {
		this.socket.abort();
	}

	private final class Listener implements WebSocket.Listener {

		private final StringBuilder message = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.message.append(data);
			if (last) {
				String whole = this.message.toString();
				this.message.setLength(0);
				JdkWebSocket.this.received.add(whole.getBytes(StandardCharsets.UTF_8));
				JdkWebSocket.this.messages.add(whole);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			JdkWebSocket.this.closed.complete(statusCode);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			JdkWebSocket.this.closed.complete(-1);
		}

	}

}
