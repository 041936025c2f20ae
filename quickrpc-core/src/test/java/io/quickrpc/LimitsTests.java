package io.quickrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quickrpc.spi.Registry;
import io.quickrpc.transport.Transport;
import io.quickrpc.transport.network.NetworkOptions;

/**
 * The limits that keep a peer from exhausting an endpoint: connections per server, bytes queued
 * for a peer that does not read, calls waiting for a handler; and what error replies reveal.
 */
class LimitsTests {

	@RegisterExtension
	final Endpoints endpoints = new Endpoints();

	private final List<Socket> sockets = new ArrayList<>();

	@AfterEach
	void closeSockets() throws IOException {
		for (Socket socket : this.sockets) {
			socket.close();
		}
	}

	@Test
	void serverRefusesConnectionsBeyondTheMaximumAndAcceptsAgainWhenOneCloses() throws Exception {
		RpcEndpoint<EchoApi> server = echoServer(NetworkOptions.builder().maxConnections(2).build(),
				RpcEndpoint.builder(EchoApi.class));
		Socket first = connect(server);
		Socket second = connect(server);
		await().until(() -> server.peers().size() == 2);

		Socket third = connect(server);

		assertThat(third.getInputStream().read()).as("the refused connection is closed").isEqualTo(-1);
		assertThat(server.peers()).hasSize(2);
		assertThat(ping(first, 1, "first")).contains("\"result\":\"first\"");
		second.close();
		await().until(() -> server.peers().size() == 1);
		assertThat(ping(connect(server), 2, "fourth")).contains("\"result\":\"fourth\"");
	}

	@Test
	void peerThatDoesNotReadGetsBoundedRepliesAndIsDroppedWhileOthersKeepWorking() throws Exception {
		int maxQueuedBytes = 1024 * 1024;
		AtomicInteger slowCalls = new AtomicInteger();
		RpcEndpoint<EchoApi> server = echoServer(
				this.endpoints.networkOptions().maxQueuedBytes(maxQueuedBytes).slowPeerTimeout(Duration.ofMillis(300))
					.build(),
				RpcEndpoint.builder(EchoApi.class).handlerConcurrency(4).maxQueuedCalls(64));
		RpcEndpoint<EchoApi> other = start(RpcEndpoint.builder(EchoApi.class).inverted(true)
			.transport("tcp:127.0.0.1:" + port(server)));
		Socket slow = new Socket();
		slow.setReceiveBufferSize(4096);
		slow.connect(new InetSocketAddress("127.0.0.1", port(server)));
		this.sockets.add(slow);
		await().until(() -> server.peers().size() == 2);
		String slowPeer = "127.0.0.1:" + slow.getLocalPort();
		server.connect("ping", (call) -> {
			if (slowPeer.equals(call.sender())) {
				slowCalls.incrementAndGet();
			}
			return null;
		});

		// 2,000 requests whose 64 KiB replies the slow peer never reads: 128 MiB if all were kept
		int requests = 2000;
		byte[] request = request(1, "x".repeat(64 * 1024));
		CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> {
			try {
				OutputStream out = slow.getOutputStream();
				for (int i = 0; i < requests; i++) {
					out.write(request);
				}
			}
			catch (IOException ex) {
				// the server dropped the slow peer: what this test waits for
			}
		});
		// the other client is served all along: it never waits for the slow peer
		AtomicInteger answered = new AtomicInteger();
		while (server.peers().contains(slowPeer) && !flood.isDone()) {
			assertThat(other.api().ping("still served")).isEqualTo("still served");
			answered.incrementAndGet();
		}

		await().until(() -> !server.peers().contains(slowPeer));
		flood.get(10, TimeUnit.SECONDS);
		// its replies were bounded: it was not read while its replies could not be written, so
		// only those the queues and the socket buffers hold were made, not one per request
		assertThat(slowCalls).as("calls from the slow peer that were handled").hasValueLessThan(requests / 4);
		assertThat(other.api().ping("after the flood")).isEqualTo("after the flood");
		assertThat(server.peers()).as("only the client that reads is left").hasSize(1);
		assertThat(answered).hasPositiveValue();
	}

	@Test
	void overATransportThatCannotHoldAPeerBackCallsPastItsBoundAreAnsweredAtOnceAsOverloadedAndCounted()
			throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch running = new CountDownLatch(1);
		Transport bus = Registry.transports().create("internal:" + this.endpoints.bus());
		RpcEndpoint<EchoApi> server = start(RpcEndpoint.builder(EchoApi.class).transport(new CannotPause(bus))
			.maxQueuedCallsPerPeer(2));
		server.connect(new Object() {

			@IncomingHandler
			String ping(String text) throws InterruptedException {
				running.countDown();
				release.await();
				return text;
			}

		});
		RpcEndpoint<EchoApi> client = start(RpcEndpoint.builder(EchoApi.class).inverted(true)
			.transport("internal:" + this.endpoints.bus() + ":flooding"));
		await().until(() -> server.peers().contains("flooding"));
		CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> client.api().ping("running"));
		running.await(5, TimeUnit.SECONDS);
		List<CompletableFuture<String>> queued = new ArrayList<>();
		for (int i = 0; i < 2; i++) {
			String text = "queued " + i;
			queued.add(CompletableFuture.supplyAsync(() -> client.api().ping(text)));
		}
		await().until(() -> client.pendingReplies() == 3);

		assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> client.api().ping("one too many"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(RemoteException.OVERLOADED))
			.withMessageContaining("peer 'flooding' has 2 calls")
			.withMessageContaining("the most one peer may have (maxQueuedCallsPerPeer 2")
			.withMessageContaining("this transport cannot slow a peer down");
		assertThat(server.statistics().droppedCalls()).isOne();
		assertThat(server.statistics().droppedCallsByPeer()).containsExactly(Map.entry("flooding", 1L));
		release.countDown();
		assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("running");
		assertThat(queued.get(1).get(5, TimeUnit.SECONDS)).isEqualTo("queued 1");
		assertThat(server.statistics().readPauses()).isZero();
	}

	@Test
	void aPeerWithAHundredThousandQueuedCallsDelaysEachOtherPeersCallByAFewHandlerRuns() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		List<String> handled = java.util.Collections.synchronizedList(new ArrayList<>());
		RpcEndpoint<EchoApi> server = start(RpcEndpoint.builder(EchoApi.class)
			.transport("internal:" + this.endpoints.bus() + ":server")
			.maxQueuedCallsPerPeer(200_000).maxQueuedCallBytesPerPeer(100L * 1024 * 1024).maxQueuedCalls(200_000));
		server.connect("say", (call) -> {
			if (handled.isEmpty()) {
				try {
					release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
			handled.add(call.sender());
			return null;
		});
		RpcEndpoint<EchoApi> flooding = start(RpcEndpoint.builder(EchoApi.class).inverted(true)
			.transport("internal:" + this.endpoints.bus() + ":flooding"));
		List<RpcEndpoint<EchoApi>> others = new ArrayList<>();
		for (int i = 0; i < 9; i++) {
			others.add(start(RpcEndpoint.builder(EchoApi.class).inverted(true)
				.transport("internal:" + this.endpoints.bus() + ":other-" + i)));
		}
		await().until(() -> server.peers().size() == 10);

		for (int i = 0; i < 100_000; i++) {
			flooding.api().say("server", "flood");
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> server.queuedCalls() == 100_000 - 1);
		for (RpcEndpoint<EchoApi> other : others) {
			other.api().say("server", "one call");
		}
		await().until(() -> server.queuedCalls() == 100_000 - 1 + 9);
		release.countDown();

		await().atMost(Duration.ofSeconds(60)).until(() -> handled.size() == 100_009);
		for (int i = 0; i < 9; i++) {
			// handler runs before it: the blocked first one, then at most one flooding call per peer ahead
			assertThat(handled.indexOf("other-" + i)).as("handler runs before other-%d's call", i).isLessThan(2 + 2 * 9);
		}
		assertThat(server.statistics().droppedCalls()).isZero();
	}

	@Test
	void errorRepliesTellTypeAndMessageAndStackTracesOnlyWhenConfigured() {
		RpcEndpoint<EchoApi> quiet = echoServer(NetworkOptions.defaults(), RpcEndpoint.builder(EchoApi.class));
		RpcEndpoint<EchoApi> verbose = echoServer(NetworkOptions.defaults(),
				RpcEndpoint.builder(EchoApi.class).sendStackTraces(true));

		assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> clientOf(quiet).api().fail("broken"))
			.satisfies((ex) -> {
				assertThat(ex.remoteMessage()).isEqualTo("broken");
				assertThat(((Map<?, ?>) ex.data()).get("type")).isEqualTo(IllegalStateException.class.getName());
				assertThat(((Map<?, ?>) ex.data()).containsKey("stackTrace")).isFalse();
			});
		assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> clientOf(verbose).api().fail("broken"))
			.satisfies((ex) -> assertThat((String) ((Map<?, ?>) ex.data()).get("stackTrace"))
				.startsWith("java.lang.IllegalStateException: broken")
				.contains("at io.quickrpc.RpcEndpointTests$EchoHandler.fail"));
	}

	@Test
	void thousandConnectionsOpenedAndClosedLeaveNothingBehind() throws Exception {
		RpcEndpoint<EchoApi> server = echoServer(this.endpoints.networkOptions().maxConnections(8).build(),
				RpcEndpoint.builder(EchoApi.class));
		String clientName = "client-" + UUID.randomUUID();

		for (int i = 1; i <= 1000; i++) {
			if (i % 10 == 0) {
				// every tenth is a whole endpoint, with threads of its own
				RpcEndpoint<EchoApi> client = start(RpcEndpoint.builder(EchoApi.class).name(clientName).inverted(true)
					.transport("tcp:127.0.0.1:" + port(server))
					.networkOptions(this.endpoints.networkOptions().build()));
				assertThat(client.api().ping("endpoint " + i)).isEqualTo("endpoint " + i);
				this.endpoints.stop(client);
				assertThat(client.pendingReplies()).isZero();
			}
			else {
				try (Socket socket = connect(server)) {
					assertThat(ping(socket, i, "socket " + i)).contains("\"result\":\"socket " + i + "\"");
				}
				this.sockets.clear();
			}
		}

		await().untilAsserted(() -> assertThat(server.peers()).isEmpty());
		assertThat(server.pendingReplies()).isZero();
		// the clients' threads are gone; the event loops, which the server keeps, made no more
		// threads than one group has, however many connections came and went
		await().untilAsserted(() -> assertThat(Thread.getAllStackTraces().keySet())
			.filteredOn(Thread::isAlive)
			.extracting(Thread::getName)
			.noneMatch((name) -> name.contains(clientName)));
		assertThat(this.endpoints.eventLoopThreads().made())
			.isLessThanOrEqualTo(2 * Runtime.getRuntime().availableProcessors());
	}

	/** A transport that cannot hold a peer back, as datagrams cannot. */
	private static final class CannotPause extends ForwardingTransport {

		CannotPause(Transport delegate) {
			super(delegate);
		}

	}

	private RpcEndpoint<EchoApi> echoServer(NetworkOptions options, RpcEndpoint.Builder<EchoApi> builder) {
		RpcEndpoint<EchoApi> server = start(builder.transport("tcpserv:127.0.0.1:0").networkOptions(options));
		server.connect(new RpcEndpointTests.EchoHandler());
		return server;
	}

	private RpcEndpoint<EchoApi> clientOf(RpcEndpoint<EchoApi> server) {
		return start(RpcEndpoint.builder(EchoApi.class).inverted(true).transport("tcp:127.0.0.1:" + port(server)));
	}

	private <T> RpcEndpoint<T> start(RpcEndpoint.Builder<T> builder) {
		return this.endpoints.start(builder);
	}

	private Socket connect(RpcEndpoint<?> server) throws IOException {
		Socket socket = new Socket("127.0.0.1", port(server));
		socket.setSoTimeout(10_000);
		this.sockets.add(socket);
		return socket;
	}

	private static String ping(Socket socket, int id, String text) throws IOException {
		socket.getOutputStream().write(request(id, text));
		InputStream in = socket.getInputStream();
		StringBuilder reply = new StringBuilder();
		for (int b = in.read(); b > 0; b = in.read()) {
			reply.append((char) b);
		}
		return reply.toString();
	}

	private static byte[] request(int id, String text) {
		return ("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"params\":{\"text\":\"" + text + "\"},\"id\":" + id + "}\0")
			.getBytes(StandardCharsets.UTF_8);
	}

	private static int port(RpcEndpoint<?> server) {
		return Endpoints.port(server);
	}

}
