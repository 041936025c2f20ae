package io.quickrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quickrpc.transport.TransportException;

class MoreTransportsTests {

	private final List<RpcEndpoint<?>> started = new ArrayList<>();

	private final String bus = "bus-" + UUID.randomUUID();

	@AfterEach
	void stopAll() {
		this.started.forEach(RpcEndpoint::stop);
		assertThat(this.started).as("endpoints running after stop()").noneMatch(RpcEndpoint::isRunning);
		await().untilAsserted(() -> assertThat(ProcessHandle.current().children().filter(ProcessHandle::isAlive)
			.filter((child) -> child.info().commandLine().orElse("").contains(EchoChild.class.getName())))
			.as("child processes of these tests still alive").isEmpty());
	}

	@Test
	void muxServesTcpAndTheInternalBusAtOnce() {
		RpcEndpoint<EchoApi> server = start(RpcEndpoint.builder(EchoApi.class)
			.transport("mux:(tcpserv:127.0.0.1:0)(internal:" + this.bus + ":server)"));
		server.connect(new RpcEndpointTests.EchoHandler());
		RpcEndpoint<EchoApi> overTcp = start(RpcEndpoint.builder(EchoApi.class).inverted(true)
			.transport("tcp:127.0.0.1:" + server.transport().localAddress().getPort()));
		RpcEndpoint<EchoApi> overBus = start(RpcEndpoint.builder(EchoApi.class).inverted(true)
			.transport("internal:" + this.bus + ":client"));
		await().until(() -> server.peers().size() == 2);

		assertThat(overTcp.api().ping("tcp")).isEqualTo("tcp");
		assertThat(overBus.api().ping("bus")).isEqualTo("bus");
		assertThat(server.peers()).contains("client");
	}

	@Test
	void muxStartsAllOrNoneAndReportsEveryFailure() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			RpcEndpoint<EchoApi> server = RpcEndpoint.builder(EchoApi.class)
				.transport("mux:(internal:" + this.bus + ":server)(tcpserv:127.0.0.1:" + taken.getLocalPort() + ")")
				.build();
			this.started.add(server);
			RpcEndpoint<EchoApi> watcher = start(RpcEndpoint.builder(EchoApi.class).inverted(true)
				.transport("internal:" + this.bus + ":watcher"));

			assertThatExceptionOfType(TransportException.class).isThrownBy(server::start)
				.withMessageContaining("Cannot start mux:(internal:" + this.bus + ":server)")
				.withMessageContaining("Cannot listen on 127.0.0.1:" + taken.getLocalPort());
			assertThat(watcher.peers()).isEmpty();
		}
	}

	@Test
	void restartReconnectsAfterTheServerComesBack() {
		RpcEndpoint<EchoApi> first = start(RpcEndpoint.builder(EchoApi.class).transport("tcpserv:127.0.0.1:0"));
		int port = first.transport().localAddress().getPort();
		RpcEndpoint<EchoApi> client = start(RpcEndpoint.builder(EchoApi.class).inverted(true)
			.transport("restart:0.2:tcp:127.0.0.1:" + port));
		await().until(() -> client.peers().size() == 1);
		first.stop();
		await().until(() -> client.peers().isEmpty());

		RpcEndpoint<EchoApi> second = start(RpcEndpoint.builder(EchoApi.class).transport("tcpserv:127.0.0.1:" + port));
		second.connect(new RpcEndpointTests.EchoHandler());

		await().atMost(Duration.ofSeconds(10)).until(() -> client.peers().size() == 1);
		assertThat(client.api().ping("again")).isEqualTo("again");
	}

	@Test
	void processTransportTalksToAChildOverItsStdio() throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		RpcEndpoint<EchoApi> parent = start(RpcEndpoint.builder(EchoApi.class).inverted(true)
			.transport("process:(\"" + java + "\" -cp \"" + System.getProperty("java.class.path") + "\" "
					+ EchoChild.class.getName() + ")"));
		CompletableFuture<String> echoed = new CompletableFuture<>();
		parent.connect("echo", (call) -> echoed.complete((String) call.argument("text")));

		assertThat(parent.peers()).containsExactly("process");
		assertThat(parent.api().ping("hello child")).isEqualTo("hello child");
		assertThat(parent.api().add(40, 2).get(10, TimeUnit.SECONDS)).isEqualTo(42L);
		parent.api().say(null, "hi");
		assertThat(echoed.get(10, TimeUnit.SECONDS)).isEqualTo("child heard hi");

		parent.stop();
		assertThat(parent.isRunning()).isFalse();
	}

	@Test
	void udpCarriesANotificationBetweenTwoEndpoints() throws Exception {
		RpcEndpoint<EchoApi> server = start(RpcEndpoint.builder(EchoApi.class).transport("udp:0"));
		BlockingQueue<String> heard = new LinkedBlockingQueue<>();
		server.connect("say", (call) -> heard.add(call.sender() + " said " + call.argument("text")));
		RpcEndpoint<EchoApi> client = start(RpcEndpoint.builder(EchoApi.class).inverted(true).transport("udp:0"));
		int serverPort = server.transport().localAddress().getPort();
		int clientPort = client.transport().localAddress().getPort();

		client.api().say("127.0.0.1:" + serverPort, "hello over udp");

		assertThat(heard.poll(5, TimeUnit.SECONDS)).isEqualTo("127.0.0.1:" + clientPort + " said hello over udp");
	}

	@Test
	void terseServerReadsATypedLineAndAnswersWithAReplyLine() throws Exception {
		RpcEndpoint<EchoApi> server = start(RpcEndpoint.builder(EchoApi.class).codec("terse")
			.transport("tcpserv:127.0.0.1:0"));
		server.connect(new RpcEndpointTests.EchoHandler());
		BlockingQueue<String> heard = new LinkedBlockingQueue<>();
		server.connect("say", (call) -> heard.add((String) call.argument("text")));
		try (Socket telnet = new Socket(InetAddress.getLoopbackAddress(), server.transport().localAddress().getPort())) {
			telnet.setSoTimeout(5000);
			OutputStream out = telnet.getOutputStream();
			BufferedReader in = new BufferedReader(new InputStreamReader(telnet.getInputStream(), StandardCharsets.UTF_8));

			out.write("say text:\"hello\"\r\nping/7 text:\"hi there\"\n".getBytes(StandardCharsets.UTF_8));
			out.flush();
			assertThat(heard.poll(5, TimeUnit.SECONDS)).isEqualTo("hello");
			assertThat(in.readLine()).isEqualTo("[7]:\"hi there\"");

			out.write("add/8 a:1 b:2\nnosuch/9\nping/10 text:\n".getBytes(StandardCharsets.UTF_8));
			out.flush();
			// a line that cannot be read is answered at once, before calls that wait for their handler
			List<String> replies = List.of(in.readLine(), in.readLine(), in.readLine());
			assertThat(replies).contains("[8]:3")
				.anySatisfy((line) -> assertThat(line).startsWith("[9]! code:-32601 message:\"unknown method 'nosuch'"))
				.anySatisfy((line) -> assertThat(line).startsWith("[10]! code:-32700 message:\"the line ends too early"));
		}
	}

	private <T> RpcEndpoint<T> start(RpcEndpoint.Builder<T> builder) {
		RpcEndpoint<T> endpoint = builder.build();
		this.started.add(endpoint);
		return endpoint.start();
	}

}
