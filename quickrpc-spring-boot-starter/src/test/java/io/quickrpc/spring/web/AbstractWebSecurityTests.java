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

import io.quickrpc.RemoteException;
import tools.jackson.databind.JsonNode;

/**
 * Spring Security in front of an API served with {@code web:}: its filters apply to the WebSocket
 * handshake and to posted calls as to any other request, handlers see the authenticated
 * principal in their {@code SecurityInfo}, and run with the request's own authentication, so that
 * {@code @PreAuthorize} checks its roles. Each web stack runs it, with a login required, method
 * security enabled, and users {@code alice} (password {@code secret}, role {@code USER}) and
 * {@code root} (password {@code toor}, roles {@code USER} and {@code ADMIN}) known.
 */
abstract class AbstractWebSecurityTests extends AbstractWebAppTests {

	static final String ALICE = basic("alice:secret");

	private static final String ROOT = basic("root:toor");

	private static final String PING = "{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"params\":{\"text\":\"hi\"},\"id\":1}";

	/** A call of the handler that {@code @PreAuthorize} permits to administrators only. */
	static final String AUDIT = "{\"jsonrpc\":\"2.0\",\"method\":\"audit\",\"params\":{\"entry\":\"boot\"},\"id\":2}";

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
		assertThat(post(ALICE, PING).get("result").asString()).isEqualTo("hi");
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

	@Test
	void aPostOfAnAdministratorRunsTheHandlerWithItsRoles() throws Exception {
		this.app.handler().securityInfo.clear();
		assertPermittedToRoot(post(ROOT, AUDIT));
	}

	@Test
	void aPostOfAPlainUserIsDeniedByTheHandlersPreAuthorize() throws Exception {
		assertDeniedToAlice(post(ALICE, AUDIT));
	}

	@Test
	void aWebSocketSessionOfAnAdministratorRunsTheHandlerWithItsRoles() throws Exception {
		this.app.handler().securityInfo.clear();
		try (TestSocket socket = new TestSocket(this.client, this.app.uri("ws"), "Authorization", ROOT)) {
			socket.send(AUDIT);
			assertPermittedToRoot(socket.next());
		}
	}

	@Test
	void aWebSocketSessionOfAPlainUserIsDeniedByTheHandlersPreAuthorize() throws Exception {
		try (TestSocket socket = new TestSocket(this.client, this.app.uri("ws"), "Authorization", ALICE)) {
			socket.send(AUDIT);
			assertDeniedToAlice(socket.next());
		}
	}

	/** Asserts that the handler ran for root, and saw its principal's name in the security information. */
	private void assertPermittedToRoot(JsonNode reply) throws InterruptedException {
		assertThat(reply.get("error")).as("error").isNull();
		assertThat(reply.get("result").asString()).isEqualTo("logged boot");
		assertThat(this.app.handler().securityInfo.poll(10, TimeUnit.SECONDS))
			.isEqualTo(Map.of("user", "root", "http.principal", "root"));
	}

	private static void assertDeniedToAlice(JsonNode reply) {
		assertThat(reply.has("result")).isFalse();
		assertThat(reply.get("error").get("code").asInt()).isEqualTo(RemoteException.SECURITY_REJECTED);
		assertThat(reply.get("error").get("message").asString()).isEqualTo("Access to audit of API 'chat' denied "
				+ "for 'alice' (Access Denied); call it as a user the handler permits");
	}

	private JsonNode post(String authorization, String call) throws Exception {
		return post(this.client, this.app, authorization, call);
	}

	/** Posts a call with credentials, and returns the JSON-RPC reply of the response, which must be 200. */
	static JsonNode post(HttpClient client, WebApp app, String authorization, String call) throws Exception {
		HttpResponse<String> response = client.send(HttpRequest.newBuilder(app.uri("http"))
			.header("Authorization", authorization)
			.POST(HttpRequest.BodyPublishers.ofString(call)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return AbstractWebTransportTests.json(response.body());
	}

	private static String basic(String credentials) {
		return "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
	}

}
