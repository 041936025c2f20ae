package io.quickrpc.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

import io.quickrpc.RemoteException;
import io.quickrpc.RpcEndpoint;

@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "quickrpc.apis.echo.transport=tcpserv:127.0.0.1:0",
				"quickrpc.apis.echoTerse.transport=tcpserv:127.0.0.1:0" })
@DirtiesContext
class SampleApplicationTests {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	@Value("${local.quickrpc.echo.port}")
	int echoPort;

	@LocalServerPort
	int httpPort;

	@Autowired
	@Qualifier("echoTerse")
	RpcEndpoint<EchoApi> terseEndpoint;

	@Autowired
	EchoService service;

	private final List<RpcEndpoint<EchoApi>> clients = new ArrayList<>();

	@AfterEach
	void stopClients() {
		this.clients.forEach(RpcEndpoint::stop);
	}

	@Test
	void everyContractMethodWorksOverTcp() {
		EchoApi server = client(new LinkedBlockingQueue<>()).api();

		assertThat(server.ping("hi")).isEqualTo("hi");
		assertThat(server.add(new BigDecimal("2"), new BigDecimal("40"))).isEqualTo(new BigDecimal("42"));
		assertThat(server.add(new BigDecimal("9223372036854775807"), BigDecimal.ONE))
			.isEqualTo(new BigDecimal("9223372036854775808"));
		assertThat(server.add(new BigDecimal("0.1"), new BigDecimal("0.2"))).isEqualTo(new BigDecimal("0.3"));
		assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> server.fail("as asked"))
			.satisfies((ex) -> assertThat(ex.remoteMessage()).isEqualTo("as asked"));
	}

	@Test
	void sayIsEchoedUnchangedToEveryConnectedClientTheSenderIncluded() throws Exception {
		BlockingQueue<String> first = new LinkedBlockingQueue<>();
		BlockingQueue<String> second = new LinkedBlockingQueue<>();
		RpcEndpoint<EchoApi> alice = client(first);
		client(second);

		alice.api().say(null, "hello all");

		assertThat(first.poll(5, TimeUnit.SECONDS)).as("the sender hears its own text").isEqualTo("hello all");
		assertThat(second.poll(5, TimeUnit.SECONDS)).as("another client hears the text unchanged").isEqualTo("hello all");
	}

	@Test
	void aPeerThatIsNotQuickrpcSaysHiAndGetsEchoOfHi() throws Exception {
		try (JrpcSocket python = new JrpcSocket(this.echoPort)) {
			// the frame the Python original writes for say(text="hi")
			python.send("{\"jsonrpc\": \"2.0\", \"method\": \"say\", \"params\": {\"text\": \"hi\"}}");
			assertThat(python.receive())
				.isEqualTo("{\"jsonrpc\":\"2.0\",\"method\":\"echo\",\"params\":{\"text\":\"hi\"}}");
		}
	}

	@Test
	void actuatorListsUnhandledCallsAndHealthTurnsDownWhenATransportStops() throws Exception {
		assertThat(get("/actuator/quickrpc/echoTerse").body()).contains("\"unhandledCalls\":[]");
		assertThat(get("/actuator/quickrpc/echo").body()).contains("\"transport\":\"tcpserv:127.0.0.1:0\"")
			.contains("\"boundAddress\":\"127.0.0.1:" + this.echoPort + "\"");
		this.terseEndpoint.disconnect(this.service);
		try {
			HttpResponse<String> api = get("/actuator/quickrpc/echoTerse");
			assertThat(api.statusCode()).isEqualTo(200);
			assertThat(api.body()).contains("\"unhandledCalls\":[\"add\",\"fail\",\"ping\",\"say\"]")
				.contains("\"codec\":\"terse\"");
			assertThat(get("/actuator/quickrpc").body()).contains("\"echo\":").contains("\"echoTerse\":");
			assertThat(get("/actuator/health").statusCode()).isEqualTo(200);

			this.terseEndpoint.stop();
			HttpResponse<String> health = get("/actuator/health");
			assertThat(health.statusCode()).isEqualTo(503);
			assertThat(health.body()).contains("\"status\":\"DOWN\"")
				.contains("\"echoTerse\":{\"running\":false,\"transport\":\"tcpserv:127.0.0.1:0\"");
			assertThat(get("/actuator/health/quickrpc").statusCode()).as("the contributor is named quickrpc")
				.isEqualTo(503);
		}
		finally {
			this.terseEndpoint.start();
			this.terseEndpoint.connect(this.service);
		}
	}

	@Test
	void chatPageAndBrowserClientAreServedOnTheWebPort() throws Exception {
		HttpResponse<String> page = get("/");
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.body()).contains("<script type=\"module\" src=\"chat.js\"></script>");
		assertThat(get("/chat.js").body()).contains("quickrpc.connect('/rpc/echo')");
		HttpResponse<String> client = get("/quickrpc/quickrpc.js");
		assertThat(client.statusCode()).isEqualTo(200);
		assertThat(client.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("text/javascript"));
	}

	private RpcEndpoint<EchoApi> client(BlockingQueue<String> echoes) {
		RpcEndpoint<EchoApi> client = RpcEndpoint.builder(EchoApi.class)
			.inverted(true)
			.transport("tcp:127.0.0.1:" + this.echoPort)
			.build();
		client.connect("echo", (call) -> echoes.add((String) call.argument("text")));
		this.clients.add(client);
		client.start();
		await().until(() -> client.peers().size() == 1);
		return client;
	}

	private HttpResponse<String> get(String path) throws Exception {
		return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.httpPort + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
