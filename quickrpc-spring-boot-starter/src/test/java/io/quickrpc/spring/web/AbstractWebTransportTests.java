package io.quickrpc.spring.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import io.quickrpc.RpcEndpoint;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What an API served with {@code transport: web:/rpc/chat} does on the application's own web
 * server, over WebSocket and HTTP POST; each web stack runs it.
 */
abstract class AbstractWebTransportTests extends AbstractWebAppTests {

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@Test
	void aWebSocketSessionCallsInAndIsCalledBack() throws Exception {
		try (TestSocket socket = socket()) {
			socket.send("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"params\":{\"text\":\"hi\"},\"id\":1}");
			assertThat(socket.next()).isEqualTo(json("{\"jsonrpc\":\"2.0\",\"result\":\"hi\",\"id\":1}"));

			socket.send("{\"jsonrpc\":\"2.0\",\"method\":\"whoami\",\"id\":\"me\"}");
			String peer = socket.next().get("result").asString();
			assertThat(peer).startsWith("ws-");
			assertThat(endpoint().peers()).contains(peer);

			CompletableFuture<String> answer = this.app.context.getBean(ChatApi.class).ask(peer, "how are you?");
			JsonNode request = socket.next();
			assertThat(request.get("method").asString()).isEqualTo("ask");
			assertThat(request.get("params").get("question").asString()).isEqualTo("how are you?");
			socket.send("{\"jsonrpc\":\"2.0\",\"result\":\"fine\",\"id\":" + request.get("id") + "}");
			assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("fine");

			socket.send("{\"jsonrpc\":\"2.0\",\"method\":\"say\",\"params\":{\"text\":\"hello all\"}}");
			JsonNode echo = socket.next();
			assertThat(echo.get("method").asString()).isEqualTo("echo");
			assertThat(echo.get("params").get("text").asString()).isEqualTo("hello all");
			assertThat(echo.has("id")).isFalse();
		}
	}

	@Test
	void aSessionThatLeavesIsNoLongerAPeer() throws Exception {
		String peer;
		try (TestSocket socket = socket()) {
			socket.send("{\"jsonrpc\":\"2.0\",\"method\":\"whoami\",\"id\":1}");
			peer = socket.next().get("result").asString();
		}
		await().atMost(Duration.ofSeconds(10)).until(() -> !endpoint().peers().contains(peer));
	}

	@Test
	void anOversizeWebSocketMessageClosesOnlyItsSender() throws Exception {
		try (TestSocket big = socket(); TestSocket other = socket()) {
			big.send("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"params\":{\"text\":\"" + "x".repeat(2000) + "\"},\"id\":1}");
			assertThat(big.closed.get(10, TimeUnit.SECONDS)).isEqualTo(1009);

			other.send("{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":{\"a\":2,\"b\":40},\"id\":7}");
			assertThat(other.next()).isEqualTo(json("{\"jsonrpc\":\"2.0\",\"result\":42,\"id\":7}"));
		}
	}

	@Test
	void aBrowserThatDoesNotReadIsDroppedWithoutHoldingBackTheHandlerOrOthers() throws Exception {
		try (TestSocket slow = socket(); TestSocket fast = socket()) {
			slow.send("{\"jsonrpc\":\"2.0\",\"method\":\"whoami\",\"id\":1}");
			String slowPeer = slow.next().get("result").asString();
			slow.stopReading();

			// each round sends both sessions 64 KiB: the fast one reads it, the slow one's pile up
			for (int i = 0; i < 500 && endpoint().peers().contains(slowPeer); i++) {
				fast.send("{\"jsonrpc\":\"2.0\",\"method\":\"flood\",\"params\":{\"count\":1,\"size\":65536}}");
				assertThat(fast.next().get("params").get("text").asString()).hasSize(65536);
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> !endpoint().peers().contains(slowPeer));
			fast.send("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"params\":{\"text\":\"still here\"},\"id\":2}");
			assertThat(fast.next().get("result").asString()).isEqualTo("still here");
		}
	}

	@Test
	void aPostedRequestIsAnsweredInTheResponse() throws Exception {
		HttpResponse<String> response = post("{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":{\"a\":1,\"b\":2},\"id\":\"x\"}");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/json"));
		assertThat(json(response.body())).isEqualTo(json("{\"jsonrpc\":\"2.0\",\"result\":3,\"id\":\"x\"}"));
	}

	@Test
	void aPostedBatchIsAnsweredWithTheRepliesToItsRequests() throws Exception {
		HttpResponse<String> response = post("[{\"jsonrpc\":\"2.0\",\"method\":\"add\",\"params\":{\"a\":1,\"b\":2},\"id\":1},"
				+ "{\"jsonrpc\":\"2.0\",\"method\":\"say\",\"params\":{\"text\":\"in a batch\"}},"
				+ "{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"params\":{\"text\":\"b\"},\"id\":2}]");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(json(response.body())).containsExactlyInAnyOrder(
				json("{\"jsonrpc\":\"2.0\",\"result\":3,\"id\":1}"), json("{\"jsonrpc\":\"2.0\",\"result\":\"b\",\"id\":2}"));
		await().atMost(Duration.ofSeconds(10)).until(() -> handler().said.stream().anyMatch((said) -> said.endsWith(": in a batch")));
	}

	@Test
	void aPostedNotificationIsAnsweredWithNoContent() throws Exception {
		HttpResponse<String> response = post("{\"jsonrpc\":\"2.0\",\"method\":\"say\",\"params\":{\"text\":\"posted\"}}");
		assertThat(response.statusCode()).isEqualTo(204);
		assertThat(response.body()).isEmpty();
		await().atMost(Duration.ofSeconds(10)).until(() -> handler().said.stream().anyMatch((said) -> said.matches("http-\\d+: posted")));

		HttpResponse<String> batch = post("[{\"jsonrpc\":\"2.0\",\"method\":\"say\",\"params\":{\"text\":\"one\"}},"
				+ "{\"jsonrpc\":\"2.0\",\"method\":\"say\",\"params\":{\"text\":\"two\"}}]");
		assertThat(batch.statusCode()).isEqualTo(204);
	}

	@Test
	void aPostedCallThatFailsGetsItsErrorReply() throws Exception {
		HttpResponse<String> unknown = post("{\"jsonrpc\":\"2.0\",\"method\":\"nosuch\",\"id\":3}");
		assertThat(unknown.statusCode()).isEqualTo(200);
		assertThat(json(unknown.body()).get("error").get("code").asInt()).isEqualTo(-32601);
		assertThat(json(unknown.body()).get("id").asInt()).isEqualTo(3);

		HttpResponse<String> garbage = post("{\"jsonrpc\": oops");
		assertThat(garbage.statusCode()).isEqualTo(200);
		assertThat(json(garbage.body()).get("error").get("code").asInt()).isEqualTo(-32700);
		assertThat(json(garbage.body()).get("id").isNull()).isTrue();
	}

	@Test
	void aCallToAnHttpCallerFailsClearly() throws Exception {
		HttpResponse<String> response = post("{\"jsonrpc\":\"2.0\",\"method\":\"askBack\",\"params\":{\"question\":\"?\"},\"id\":4}");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode error = json(response.body()).get("error");
		assertThat(error.get("message").asString()).contains("is an HTTP POST caller: it takes only the reply to its call");
	}

	@Test
	void aPostLargerThanTheMaximumFrameSizeIsRefused() throws Exception {
		HttpResponse<String> response = post("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"params\":{\"text\":\""
				+ "x".repeat(2000) + "\"},\"id\":1}");
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(json(response.body()).get("error").get("message").asString()).contains("maximum frame size");
	}

	@Test
	void otherMethodsThanGetAndPostAreNotAllowed() throws Exception {
		HttpResponse<String> response = this.client.send(HttpRequest.newBuilder(uri("http")).PUT(
				HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(405);
	}

	@Test
	void pagesOfOtherOriginsAreRefusedUnlessAllowed() throws Exception {
		assertThat(postFrom("https://elsewhere.example").statusCode()).isEqualTo(403);
		assertThatThrownBy(() -> new TestSocket(this.client, uri("ws"), "Origin", "https://elsewhere.example"))
			.hasStackTraceContaining("403");

		HttpResponse<String> allowed = postFrom("https://app.allowed.example");
		assertThat(allowed.statusCode()).isEqualTo(200);
		assertThat(allowed.headers().firstValue("Access-Control-Allow-Origin")).hasValue("https://app.allowed.example");
		try (TestSocket socket = new TestSocket(this.client, uri("ws"), "Origin", "https://app.allowed.example")) {
			socket.send("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"params\":{\"text\":\"x\"},\"id\":1}");
			assertThat(socket.next().get("result").asString()).isEqualTo("x");
		}
	}

	private HttpResponse<String> postFrom(String origin) throws Exception {
		return this.client.send(HttpRequest.newBuilder(uri("http"))
			.header("Origin", origin)
			.POST(HttpRequest.BodyPublishers.ofString("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"params\":{\"text\":\"x\"},\"id\":1}"))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> post(String body) throws Exception {
		return this.client.send(HttpRequest.newBuilder(uri("http"))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	TestSocket socket() {
		return new TestSocket(this.client, uri("ws"));
	}

	URI uri(String scheme) {
		return this.app.uri(scheme);
	}

	ChatHandler handler() {
		return this.app.handler();
	}

	@SuppressWarnings("unchecked")
	RpcEndpoint<ChatApi> endpoint() {
		return this.app.context.getBean(RpcEndpoint.class);
	}

	static JsonNode json(String text) {
		return JsonMapper.shared().readTree(text);
	}

}
