package io.quickrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quickrpc.codec.Codec;
import io.quickrpc.codec.Framer;
import io.quickrpc.codec.Message;
import io.quickrpc.security.Security;
import io.quickrpc.spi.Registry;
import io.quickrpc.transport.TransportException;
import io.quickrpc.transport.network.NetworkTransports;

class TcpEndpointTests {

	@RegisterExtension
	final Endpoints endpoints = new Endpoints();

	@Test
	void clientAndServerCallEachOther() throws Exception {
		RpcEndpoint<EchoApi> server = server(RpcEndpoint.builder(EchoApi.class).transport("tcpserv:127.0.0.1:0"));
		server.connect(new RpcEndpointTests.EchoHandler());
		RpcEndpoint<EchoApi> client = client(server);
		CompletableFuture<String> echoed = new CompletableFuture<>();
		client.connect("echo", (call) -> echoed.complete((String) call.argument("text")));
		await().until(() -> server.peers().size() == 1);

		assertThat(client.api().ping("over tcp")).isEqualTo("over tcp");
		server.api().echo(null, "back to the client");
		assertThat(echoed.get(5, TimeUnit.SECONDS)).isEqualTo("back to the client");
		assertThat(server.peers()).allSatisfy((peer) -> assertThat(peer).startsWith("127.0.0.1:"));
		assertThat(client.peers()).containsExactly("127.0.0.1:" + port(server));
	}

	@Test
	void serverCallsAConnectedClientAndGetsTheReply() {
		RpcEndpoint<EchoApi> server = server(RpcEndpoint.builder(EchoApi.class).inverted(true)
			.transport("tcpserv:127.0.0.1:0"));
		RpcEndpoint<EchoApi> client = start(RpcEndpoint.builder(EchoApi.class)
			.transport("tcp:127.0.0.1:" + port(server)));
		client.connect(new RpcEndpointTests.EchoHandler());
		await().until(() -> server.peers().size() == 1);

		assertThat(server.api().ping("to the client")).isEqualTo("to the client");
	}

	@Test
	void twoHundredClientsMakeAHundredRequestsEach() throws Exception {
		RpcEndpoint<EchoApi> server = server(RpcEndpoint.builder(EchoApi.class).transport("tcpserv:127.0.0.1:0"));
		server.connect(new RpcEndpointTests.EchoHandler());
		List<RpcEndpoint<EchoApi>> clients = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			clients.add(client(server));
		}
		await().until(() -> server.peers().size() == 200);
		List<CompletableFuture<Long>> replies = new ArrayList<>();
		for (int request = 0; request < 100; request++) {
			for (int client = 0; client < clients.size(); client++) {
				replies.add(clients.get(client).api().add(client, request * 1000L));
			}
		}

		CompletableFuture.allOf(replies.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);

		int index = 0;
		for (int request = 0; request < 100; request++) {
			for (int client = 0; client < clients.size(); client++) {
				assertThat(replies.get(index++).join()).isEqualTo(client + request * 1000L);
			}
		}
	}

	@Test
	void stoppingTheServerFailsInFlightCallsPromptly() {
		RpcEndpoint<EchoApi> server = server(RpcEndpoint.builder(EchoApi.class).transport("tcpserv:127.0.0.1:0")
			.shutdownGrace(Duration.ZERO));
		CountDownLatch release = new CountDownLatch(1);
		server.connect("add", (call) -> {
			release.await(10, TimeUnit.SECONDS);
			return 0L;
		});
		RpcEndpoint<EchoApi> client = client(server);
		await().until(() -> server.peers().size() == 1);
		try {
			CompletableFuture<Long> inFlight = client.api().add(1, 2);
			long stopping = System.nanoTime();
			server.stop();

			await().atMost(Duration.ofSeconds(1)).until(inFlight::isDone);
			assertThat(Duration.ofNanos(System.nanoTime() - stopping)).isLessThan(Duration.ofSeconds(1));
			assertThatExceptionOfType(Exception.class).isThrownBy(inFlight::join)
				.withMessageContaining("disconnected before replying to EchoApi.add");
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void oversizedFrameDropsOnlyItsSender() throws Exception {
		RpcEndpoint<EchoApi> server = server(RpcEndpoint.builder(EchoApi.class)
			.transport(NetworkTransports.tcpServer("127.0.0.1", 0, this.endpoints.networkOptions().maxFrameSize(4096).build())));
		server.connect(new RpcEndpointTests.EchoHandler());
		RpcEndpoint<EchoApi> wellBehaved = client(server);
		try (Socket flooder = new Socket(InetAddress.getLoopbackAddress(), port(server))) {
			await().until(() -> server.peers().size() == 2);
			OutputStream out = flooder.getOutputStream();
			out.write("{\"jsonrpc\": \"2.0\", \"method\": \"ping\", \"params\": {\"text\": \"".getBytes());
			out.write("x".repeat(8192).getBytes());
			out.flush();
			flooder.setSoTimeout(5000);
			InputStream in = flooder.getInputStream();
			assertThat(in.read()).as("the server closes the flooder's connection").isEqualTo(-1);
		}
		await().until(() -> server.peers().size() == 1);
		assertThat(wellBehaved.api().ping("still here")).isEqualTo("still here");
	}

	@Test
	void messagesSentFromManyThreadsOnOneConnectionArriveWholeAndInEachThreadsOrder() throws Exception {
		RpcEndpoint<EchoApi> server = server(RpcEndpoint.builder(EchoApi.class).transport("tcpserv:127.0.0.1:0"));
		List<String> received = java.util.Collections.synchronizedList(new ArrayList<>());
		server.connect("say", (call) -> received.add((String) call.argument("text")));
		RpcEndpoint<EchoApi> client = client(server);
		await().until(() -> server.peers().size() == 1);
		int threads = 4;
		int perThread = 3000;

		List<CompletableFuture<Void>> senders = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			int thread = t;
			senders.add(CompletableFuture.runAsync(() -> {
				java.util.SplittableRandom random = new java.util.SplittableRandom(thread);
				for (int i = 0; i < perThread; i++) {
					// sizes that end batches anywhere, and now and then one larger than a batch
					int padding = (i % 1000 == 999) ? 100_000 : random.nextInt(2000);
					client.api().say(null, thread + " " + i + " " + "x".repeat(padding));
				}
			}));
		}
		CompletableFuture.allOf(senders.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);

		await().atMost(Duration.ofSeconds(60)).until(() -> received.size() == threads * perThread);
		int[] next = new int[threads];
		for (String text : received) {
			String[] parts = text.split(" ", 3);
			int thread = Integer.parseInt(parts[0]);
			assertThat(Integer.parseInt(parts[1])).as("message of thread %d", thread).isEqualTo(next[thread]++);
			assertThat(parts[2]).matches("x*");
		}
		assertThat(next).containsOnly(perThread);
	}

	@Test
	void receivedBytesReachTheCodecInHeapBuffersThatItParsesInPlace() {
		Codec jrpc = Registry.codecs().create("jrpc");
		List<Boolean> heap = new CopyOnWriteArrayList<>();
		Codec recording = new Codec() {

			@Override
			public byte[] encode(Message message, Security security) {
				return jrpc.encode(message, security);
			}

			@Override
			public Framer framer() {
				return jrpc.framer();
			}

			@Override
			public void decode(ByteBuffer frame, Sink sink) {
				heap.add(frame.hasArray());
				jrpc.decode(frame, sink);
			}

		};
		RpcEndpoint<EchoApi> server = server(RpcEndpoint.builder(EchoApi.class).codec(recording)
			.transport("tcpserv:127.0.0.1:0"));
		server.connect(new RpcEndpointTests.EchoHandler());

		assertThat(client(server).api().ping("on the heap")).isEqualTo("on the heap");
		assertThat(heap).isNotEmpty().containsOnly(true);
	}

	@Test
	void idleConnectionGetsTheKeepaliveMessage() throws Exception {
		byte[] keepalive = { 0 }; // an empty jrpc frame, which the other side skips
		RpcEndpoint<EchoApi> server = server(RpcEndpoint.builder(EchoApi.class).transport(NetworkTransports.tcpServer(
				"127.0.0.1", 0, this.endpoints.networkOptions().keepalive(Duration.ofMillis(100), keepalive).build())));
		try (Socket idle = new Socket(InetAddress.getLoopbackAddress(), port(server))) {
			idle.setSoTimeout(5000);
			byte[] received = idle.getInputStream().readNBytes(keepalive.length * 2);
			assertThat(received).containsExactly(0, 0);
		}
	}

	@Test
	void portInUseFailsTheStartNamingTheAddress() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
			RpcEndpoint<EchoApi> server = RpcEndpoint.builder(EchoApi.class)
				.transport("tcpserv:127.0.0.1:" + taken.getLocalPort())
				.build();
			assertThatExceptionOfType(TransportException.class).isThrownBy(server::start)
				.withMessageContaining("Cannot listen on 127.0.0.1:" + taken.getLocalPort())
				.withMessageContaining("choose a free port");
			assertThat(server.isRunning()).isFalse();
		}
	}

	@Test
	void refusedConnectionFailsTheStartNamingTheAddress() throws Exception {
		// a socket bound but never listening holds its port, and a connection to it is refused;
		// without SO_REUSEADDR no other socket can bind the port while it is held
		try (SocketChannel holder = SocketChannel.open()) {
			holder.setOption(StandardSocketOptions.SO_REUSEADDR, false);
			holder.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
			int port = ((InetSocketAddress) holder.getLocalAddress()).getPort();
			RpcEndpoint<EchoApi> client = RpcEndpoint.builder(EchoApi.class).transport("tcp:127.0.0.1:" + port)
				.networkOptions(this.endpoints.networkOptions().build())
				.build();

			assertThatExceptionOfType(TransportException.class).isThrownBy(client::start)
				.withMessageContaining("Cannot connect to 127.0.0.1:" + port)
				.withMessageContaining("Connection refused")
				.withMessageContaining("check that the server is running");
			assertThat(client.isRunning()).isFalse();
		}
	}

	private RpcEndpoint<EchoApi> server(RpcEndpoint.Builder<EchoApi> builder) {
		return start(builder);
	}

	private RpcEndpoint<EchoApi> client(RpcEndpoint<EchoApi> server) {
		return start(RpcEndpoint.builder(EchoApi.class).inverted(!server.isInverted())
			.transport("tcp:127.0.0.1:" + port(server)));
	}

	private <T> RpcEndpoint<T> start(RpcEndpoint.Builder<T> builder) {
		return this.endpoints.start(builder);
	}

	private static int port(RpcEndpoint<?> server) {
		return Endpoints.port(server);
	}

}
