package io.quickrpc.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * An API served with {@code web:/rpc/chat} and the {@code terse} codec: its WebSocket carries one
 * terse line per message, without the line's end, while HTTP POST, which carries JSON-RPC only, is
 * refused with 415. Each web stack runs it.
 */
abstract class AbstractTerseWebTransportTests extends AbstractWebAppTests {

	private static final Pattern CALL_ID = Pattern.compile("ask/(\\d+) .*");

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@Override
	String[] properties() {
		return new String[] { "quickrpc.apis.chat.codec=terse" };
	}

	@Test
	void aWebSocketSessionTalksTerseOneLinePerMessage() throws Exception {
		try (TestSocket socket = new TestSocket(this.client, this.app.uri("ws"))) {
			socket.send("ping/1 text:\"hi\"");
			assertThat(socket.nextText()).isEqualTo("[1]:\"hi\"");

			socket.send("whoami/2");
			String reply = socket.nextText();
			assertThat(reply).matches("\\[2\\]:\"ws-\\d+\"");
			String peer = reply.substring(5, reply.length() - 1);

			CompletableFuture<String> answer = this.app.context.getBean(ChatApi.class).ask(peer, "how are you?");
			String request = socket.nextText();
			Matcher call = CALL_ID.matcher(request);
			assertThat(call.matches()).as("a terse call of ask: %s", request).isTrue();
			assertThat(request).contains("question:\"how are you?\"").doesNotContain("\n");
			socket.send("[" + call.group(1) + "]:\"fine\"");
			assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("fine");

			socket.send("say text:\"hello all\"");
			assertThat(socket.nextText()).isEqualTo("echo text:\"hello all\"");
		}
	}

	@Test
	void aPostIsRefusedAsNotJsonRpc() throws Exception {
		HttpResponse<String> response = this.client.send(HttpRequest.newBuilder(this.app.uri("http"))
			.POST(HttpRequest.BodyPublishers.ofString("say text:\"posted\""))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(415);
		assertThat(AbstractWebTransportTests.json(response.body()).get("error").get("message").asString())
			.contains("web:/rpc/chat speaks the codec 'terse'", "HTTP POST carries JSON-RPC (codec jrpc) only");
		assertThat(this.app.handler().said).noneMatch((said) -> said.startsWith("http-"));
	}

}
