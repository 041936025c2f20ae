package io.quickrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quickrpc.security.HmacKeys;
import io.quickrpc.security.HmacSecurity;
import io.quickrpc.transport.JdkWebSocket;
import io.quickrpc.transport.network.NetworkOptions;
import io.quickrpc.transport.network.TlsOptions;

/**
 * Endpoints over WebSocket: a {@code ws:} client and a {@code wsserv} server call each other, with
 * and without TLS, and the JDK's WebSocket client, which is not ours, speaks JSON-RPC to the
 * server, one message per request and reply.
 */
class WebSocketEndpointTests {

	@RegisterExtension
	final Endpoints endpoints = new Endpoints();

	@Test
	void clientAndServerCallEachOtherBothWays() throws Exception {
		RpcEndpoint<EchoApi> server = server(this.endpoints.networkOptions());
		server.connect(new RpcEndpointTests.EchoHandler());
		RpcEndpoint<EchoApi> client = client("ws://127.0.0.1:" + Endpoints.port(server) + "/rpc",
				this.endpoints.networkOptions());
		CompletableFuture<String> echoed = new CompletableFuture<>();
		client.connect("echo", (call) -> echoed.complete((String) call.argument("text")));
		await().until(() -> server.peers().size() == 1);

		assertThat(client.api().ping("over a WebSocket")).isEqualTo("over a WebSocket");
		assertThat(client.api().add(40, 2).get(5, TimeUnit.SECONDS)).isEqualTo(42L);
		server.api().echo(null, "back to the client");
		assertThat(echoed.get(5, TimeUnit.SECONDS)).isEqualTo("back to the client");
		assertThat(client.peers()).containsExactly("127.0.0.1:" + Endpoints.port(server));
		assertThat(server.peers()).allSatisfy((peer) -> assertThat(peer).startsWith("127.0.0.1:"));
	}

	@Test
	void serverCallsItsClientBack() {
		RpcEndpoint<EchoApi> server = this.endpoints.start(RpcEndpoint.builder(EchoApi.class)
			.inverted(true)
			.transport("wsserv:127.0.0.1:0/rpc")
			.networkOptions(this.endpoints.networkOptions().build()));
		RpcEndpoint<EchoApi> client = this.endpoints.start(RpcEndpoint.builder(EchoApi.class)
			.transport("ws:127.0.0.1:" + Endpoints.port(server) + "/rpc")
			.networkOptions(this.endpoints.networkOptions().build()));
		client.connect(new RpcEndpointTests.EchoHandler());
		await().until(() -> server.peers().size() == 1);

		assertThat(server.api().ping("to the client")).isEqualTo("to the client");
	}

	@Test
	void aWebSocketClientThatIsNotOursGetsItsJsonRpcReplyAsOneMessage() throws Exception {
		RpcEndpoint<EchoApi> server = server(this.endpoints.networkOptions());
		server.connect(new RpcEndpointTests.EchoHandler());
		try (JdkWebSocket socket = JdkWebSocket.open(uri(server, "/rpc"))) {
			socket.send("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"params\":{\"text\":\"hi\"},\"id\":1}");

			String reply = socket.next();
			assertThat(reply).startsWith("{").endsWith("}").contains("\"result\":\"hi\"").contains("\"id\":1");
		}
	}

	@Test
	void anOversizeMessageDropsOnlyItsSender() throws Exception {
		RpcEndpoint<EchoApi> server = server(this.endpoints.networkOptions().maxFrameSize(4096));
		server.connect(new RpcEndpointTests.EchoHandler());
		try (JdkWebSocket flooder = JdkWebSocket.open(uri(server, "/rpc"));
				JdkWebSocket wellBehaved = JdkWebSocket.open(uri(server, "/rpc"))) {
			await().until(() -> server.peers().size() == 2);

			flooder.send("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"params\":{\"text\":\"" + "x".repeat(8192)
					+ "\"},\"id\":1}");

			assertThat(flooder.closed().get(10, TimeUnit.SECONDS)).as("the close status").isEqualTo(1009);
			await().until(() -> server.peers().size() == 1);
			wellBehaved.send("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"params\":{\"text\":\"still here\"},\"id\":2}");
			assertThat(wellBehaved.next()).contains("\"result\":\"still here\"");
		}
	}

	@Test
	void otherPathsAreNotFoundAndAPlainRequestIsNoUpgrade() throws Exception {
		RpcEndpoint<EchoApi> server = server(this.endpoints.networkOptions());
		HttpClient http = HttpClient.newHttpClient();
		URI base = URI.create("http://127.0.0.1:" + Endpoints.port(server));

		HttpResponse<String> other = http.send(HttpRequest.newBuilder(base.resolve("/other")).build(),
				HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> plain = http.send(HttpRequest.newBuilder(base.resolve("/rpc")).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(other.statusCode()).isEqualTo(404);
		assertThat(other.body()).contains("connect to /rpc");
		assertThat(plain.statusCode()).isIn(400, 426);
		assertThat(server.isRunning()).isTrue();
	}

	@Test
	void wssEncryptsAndChecksTheServersCertificate() {
		RpcEndpoint<EchoApi> server = server(this.endpoints.networkOptions()
			.tls(TlsOptions.builder().certificate(file("server.pem"), file("server.key")).build()));
		server.connect(new RpcEndpointTests.EchoHandler());
		RpcEndpoint<EchoApi> client = client("wss://127.0.0.1:" + Endpoints.port(server) + "/rpc",
				this.endpoints.networkOptions().tls(TlsOptions.builder().trustCertificates(file("ca.pem")).build()));

		assertThat(client.api().ping("encrypted")).isEqualTo("encrypted");
	}

	@Test
	void aSignedMessageTravelsAsItsHeaderAndItsPayloadInTwoMessagesThatArePairedAgain() {
		HmacKeys keys = HmacKeys.of(Map.of("alice", "alice's 32-byte key, kept secret".getBytes(StandardCharsets.US_ASCII),
				"server", "the server's key of 32 bytes....".getBytes(StandardCharsets.US_ASCII)));
		RpcEndpoint<EchoApi> server = this.endpoints.start(RpcEndpoint.builder(EchoApi.class)
			.transport("wsserv:127.0.0.1:0/rpc")
			.security(HmacSecurity.builder().user("server").keys(keys).build())
			.networkOptions(this.endpoints.networkOptions().build()));
		server.connect(new RpcEndpointTests.EchoHandler());
		RpcEndpoint<EchoApi> client = this.endpoints.start(RpcEndpoint.builder(EchoApi.class)
			.inverted(true)
			.transport("ws://127.0.0.1:" + Endpoints.port(server) + "/rpc")
			.security(HmacSecurity.builder().user("alice").keys(keys).build())
			.networkOptions(this.endpoints.networkOptions().build()));

		assertThat(client.api().ping("signed")).isEqualTo("signed");
		assertThat(server.statistics().securityRejected()).isZero();
	}

	private RpcEndpoint<EchoApi> server(NetworkOptions.Builder options) {
		return this.endpoints.start(RpcEndpoint.builder(EchoApi.class)
			.transport("wsserv:127.0.0.1:0/rpc")
			.networkOptions(options.build()));
	}

	private RpcEndpoint<EchoApi> client(String expression, NetworkOptions.Builder options) {
		return this.endpoints.start(RpcEndpoint.builder(EchoApi.class)
			.inverted(true)
			.transport(expression)
			.networkOptions(options.build()));
	}

	private static URI uri(RpcEndpoint<?> server, String path) {
		return URI.create("ws://127.0.0.1:" + Endpoints.port(server) + path);
	}

	private static Path file(String name) {
		try {
			return Path.of(WebSocketEndpointTests.class.getResource("/tls/" + name).toURI());
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
