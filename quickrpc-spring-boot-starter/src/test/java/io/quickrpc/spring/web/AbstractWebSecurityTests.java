package io.quickrpc.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Spring Security in front of an API served with {@code web:}: its filters apply to the WebSocket
 * handshake and to posted calls as to any other request, and handlers see the authenticated
 * principal in their {@code SecurityInfo}. Each web stack runs it, with a login required and user
 * {@code alice} (password {@code secret}) known.
 */
abstract class AbstractWebSecurityTests extends AbstractWebAppTests {

	static final String ALICE = "Basic " + Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8));

	private static final String PING = "{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"params\":{\"text\":\"hi\"},\"id\":1}";

	private final HttpClient client = HttpClient.newHttpClient();

	@Test
	void aPostWithoutCredentialsIsUnauthorised() throws Exception {
		HttpResponse<String> response = this.client.send(HttpRequest.newBuilder(this.app.uri("http"))
			.POST(HttpRequest.BodyPublishers.ofString(PING)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(this.app.handler().securityInfo).isEmpty();
	}

	@Test
	void aPostOfAnAuthenticatedUserReachesTheHandlerWithItsPrincipal() throws Exception {
		this.app.handler().securityInfo.clear();
		HttpResponse<String> response = this.client.send(HttpRequest.newBuilder(this.app.uri("http"))
			.header("Authorization", ALICE)
			.POST(HttpRequest.BodyPublishers.ofString(PING)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(AbstractWebTransportTests.json(response.body()).get("result").asString()).isEqualTo("hi");
		assertThat(this.app.handler().securityInfo.poll(10, TimeUnit.SECONDS))
			.isEqualTo(Map.of("user", "alice", "http.principal", "alice"));
	}

	@Test
	void aWebSocketHandshakeWithoutCredentialsIsRefused() {
		assertThatThrownBy(() -> new TestSocket(this.client, this.app.uri("ws")))
			.hasStackTraceContaining("401");
	}

	@Test
	void aWebSocketSessionOfAnAuthenticatedUserCallsWithItsPrincipal() throws Exception {
		this.app.handler().securityInfo.clear();
		try (TestSocket socket = new TestSocket(this.client, this.app.uri("ws"), "Authorization", ALICE)) {
			socket.send(PING);
			assertThat(socket.next().get("result").asString()).isEqualTo("hi");
		}
		assertThat(this.app.handler().securityInfo.poll(10, TimeUnit.SECONDS))
			.isEqualTo(Map.of("user", "alice", "http.principal", "alice"));
	}

}
