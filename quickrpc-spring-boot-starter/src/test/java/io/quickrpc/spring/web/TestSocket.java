package io.quickrpc.spring.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A WebSocket client of the JDK, as a browser would be: every text message it receives is kept, as it came. */
final class TestSocket implements WebSocket.Listener, AutoCloseable {

	private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

	final CompletableFuture<Integer> closed = new CompletableFuture<>();

	private final StringBuilder partial = new StringBuilder();

	private final WebSocket socket;

	private volatile boolean reading = true;

	TestSocket(HttpClient client, URI uri, String... headers) {
		WebSocket.Builder builder = client.newWebSocketBuilder();
		for (int i = 0; i < headers.length; i += 2) {
			builder.header(headers[i], headers[i + 1]);
		}
		this.socket = builder.buildAsync(uri, this).join();
	}

	void send(String text) {
		this.socket.sendText(text, true).join();
	}

	/** Returns the next message as JSON, failing the test if none comes within ten seconds. */
	JsonNode next() throws InterruptedException {
		return JsonMapper.shared().readTree(nextText());
	}

	/** Returns the next message as it came, failing the test if none comes within ten seconds. */
	String nextText() throws InterruptedException {
		String message = this.messages.poll(10, TimeUnit.SECONDS);
		if (message == null) {
			throw new AssertionError("No WebSocket message within 10 s");
		}
		return message;
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.partial.append(data);
		if (last) {
			this.messages.add(this.partial.toString());
			this.partial.setLength(0);
		}
		if (this.reading) {
			webSocket.request(1);
		}
		return null;
	}

	/** Stops reading, as a browser tab that hangs: what the server sends piles up. */
	void stopReading() {
		this.reading = false;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closed.complete(statusCode);
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.closed.completeExceptionally(error);
	}

	@Override
	public void close() {
		if (!this.socket.isOutputClosed()) {
			this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").completeOnTimeout(null, 5, TimeUnit.SECONDS).join();
		}
		this.socket.abort();
	}


}
