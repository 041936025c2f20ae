package io.quickrpc.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quickrpc.transport.network.EventLoops;
import io.quickrpc.transport.network.NetworkOptions;
import io.quickrpc.transport.network.NetworkTransports;

/**
 * What keeps one peer of a TCP server from holding back the others or growing the server: the
 * frame and idle timeouts, sends that never make a serving thread wait, and reading that stops
 * for a peer that does not read its replies. Peers are plain sockets.
 */
class NetworkLimitsTests {

	private static final int MAX_QUEUED_BYTES = 64 * 1024;

	private final RecordingThreads netty = new RecordingThreads(
			"test-netty-" + UUID.randomUUID().toString().substring(0, 8));

	private final EventLoops eventLoops = EventLoops.create(this.netty);

	private final List<Transport> servers = new CopyOnWriteArrayList<>();

	private final List<Socket> sockets = new CopyOnWriteArrayList<>();

	@AfterEach
	void stopEverything() throws IOException {
		this.servers.forEach(Transport::stop);
		for (Socket socket : this.sockets) {
			socket.close();
		}
		this.eventLoops.close();
		await().untilAsserted(() -> assertThat(this.netty.alive()).as("event-loop threads alive after the test")
			.isEmpty());
	}

	@Test
	void aPeerThatDoesNotFinishAMessageInTimeIsDroppedWhileAnotherIsServed() throws Exception {
		RecordingListener listener = new RecordingListener();
		Transport server = start(options().frameTimeout(Duration.ofMillis(300)), listener);
		Socket slow = connect(server);
		Socket other = connect(server);
		await().until(() -> server.peers().size() == 2);

		send(other, "before\n");
		send(slow, "never fini");

		await().until(() -> listener.events(name(slow)).contains("disconnected"));
		assertThat(slow.getInputStream().read()).as("the slow peer's connection, closed by the server").isEqualTo(-1);
		assertThat(listener.messages(name(slow))).isEmpty();
		send(other, "after\n");
		server.send(bytes("served\n"), List.of(name(other)));
		assertThat(new String(other.getInputStream().readNBytes(7), StandardCharsets.UTF_8)).isEqualTo("served\n");
		await().until(() -> listener.messages(name(other)).contains("after"));
		// it sent whole messages only: no frame timeout applies to it, however long it is silent
		await().during(Duration.ofMillis(1000))
			.atMost(Duration.ofSeconds(5))
			.until(() -> server.peers().contains(name(other)));
		assertThat(listener.messages(name(other))).containsExactly("before", "after");
	}

	@Test
	void aPeerThatSendsNothingIsDisconnectedPastTheIdleTimeout() throws Exception {
		RecordingListener listener = new RecordingListener();
		Transport server = start(options().idleTimeout(Duration.ofMillis(300)), listener);

		Socket silent = connect(server);

		await().until(() -> listener.events(name(silent)).contains("disconnected"));
		assertThat(silent.getInputStream().read()).as("the silent peer's connection, closed by the server")
			.isEqualTo(-1);
		assertThat(server.peers()).isEmpty();
	}

	@Test
	void aServingThreadNeverWaitsForAPeerThatDoesNotReadAndDropsItPastTwiceTheBound() throws Exception {
		RecordingListener listener = new RecordingListener();
		// a sender that waited would wait minutes for this peer: far longer than the test allows
		Transport server = start(options().slowPeerTimeout(Duration.ofMinutes(5)), listener);
		Socket deaf = connectNotReading(server);
		Socket other = connect(server);
		await().until(() -> server.peers().size() == 2);
		byte[] reply = new byte[16 * 1024];

		CompletableFuture<Long> sending = CompletableFuture.supplyAsync(() -> {
			AtomicLong sent = new AtomicLong();
			ServingThreads.run(() -> {
				// the cap only keeps a broken transport from filling the heap
				while (server.peers().contains(name(deaf)) && sent.get() < 64L * 1024 * 1024) {
					try {
						server.send(reply, List.of(name(deaf)));
					}
					catch (TransportException ex) {
						return; // dropped between the check and the send
					}
					sent.addAndGet(reply.length);
				}
			});
			return sent.get();
		});

		long sent = sending.get(30, TimeUnit.SECONDS);
		await().until(() -> listener.events(name(deaf)).contains("disconnected"));
		assertThat(sent).as("bytes sent to the peer before it was dropped").isGreaterThan(2L * MAX_QUEUED_BYTES);
		assertThat(server.peers()).containsExactly(name(other));
		server.send(bytes("served\n"), List.of(name(other)));
		assertThat(new String(other.getInputStream().readNBytes(7), StandardCharsets.UTF_8)).isEqualTo("served\n");
	}

	@Test
	void anotherThreadWaitsForAPeerThatDoesNotReadAndGoesOnOnceItReads() throws Exception {
		Transport server = start(options().slowPeerTimeout(Duration.ofMinutes(5)), new RecordingListener());
		Socket deaf = connectNotReading(server);
		await().until(() -> server.peers().size() == 1);
		byte[] message = new byte[16 * 1024];
		int messages = 2048; // 32 MiB: far more than the socket buffers and the bound hold

		CompletableFuture<Void> sending = CompletableFuture.runAsync(() -> {
			for (int i = 0; i < messages; i++) {
				server.send(message, List.of(name(deaf)));
			}
		});

		await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(5)).until(() -> !sending.isDone());
		assertThat(server.peers()).as("peers, while a sender waits for one").containsExactly(name(deaf));
		Remotes.Received received = readAll(deaf);
		sending.get(60, TimeUnit.SECONDS);
		await().until(() -> received.size() == messages * message.length);
		assertThat(server.peers()).containsExactly(name(deaf));
	}

	@Test
	void aPeerThatDoesNotReadWhatItIsSentIsNotReadFromUntilItDoes() throws Exception {
		CountingListener listener = new CountingListener();
		Transport server = start(options().slowPeerTimeout(Duration.ofMinutes(5)), listener);
		Socket deaf = connectNotReading(server);
		await().until(() -> server.peers().size() == 1);
		// over the bound at once: one message, queued whole since nothing waited before it
		ServingThreads.run(() -> server.send(new byte[16 * 1024 * 1024], List.of(name(deaf))));
		long total = 128L * 1024 * 1024;
		AtomicLong written = new AtomicLong();

		CompletableFuture<Void> writing = writeAsync(deaf, total, written);

		// 128 MiB take a moment over loopback; here they wait in the socket buffers, which fill
		await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(5)).until(() -> !writing.isDone());
		assertThat(written.get()).as("bytes the peer could write").isLessThan(48L * 1024 * 1024);
		assertThat(listener.received(name(deaf))).isLessThan(total);
		readAll(deaf);
		writing.get(60, TimeUnit.SECONDS);
		await().until(() -> listener.received(name(deaf)) == total);
		assertThat(server.peers()).containsExactly(name(deaf));
	}

	@Test
	void aPausedPeerIsNotReadFromSoWhatItSendsHoldsItBack() throws Exception {
		CountingListener listener = new CountingListener();
		Transport server = start(options(), listener);
		listener.pauseOnFirstDelivery(server);
		Socket peer = connect(server);
		await().until(() -> server.peers().size() == 1);
		long total = 128L * 1024 * 1024;
		AtomicLong written = new AtomicLong();

		CompletableFuture<Void> writing = writeAsync(peer, total, written);

		await().during(Duration.ofMillis(1000)).atMost(Duration.ofSeconds(5)).until(() -> !writing.isDone());
		// the socket buffers hold what it wrote: some MiB, far from all (Linux allows up to 36 MiB)
		assertThat(written.get()).as("bytes the paused peer could write").isLessThan(48L * 1024 * 1024);
		assertThat(listener.received(name(peer))).as("bytes delivered while paused").isLessThan(total);
		server.resumeReading(name(peer));
		writing.get(60, TimeUnit.SECONDS);
		await().until(() -> listener.received(name(peer)) == total);
	}

	@Test
	void aPeerOverTheBoundPastTheSlowPeerTimeoutIsDroppedThoughNothingMoreIsSent() throws Exception {
		RecordingListener listener = new RecordingListener();
		Transport server = start(options().slowPeerTimeout(Duration.ofMillis(300)), listener);
		Socket deaf = connectNotReading(server);
		await().until(() -> server.peers().size() == 1);

		// one message, far over the bound, and nothing after it: no sender is left to give up
		ServingThreads.run(() -> server.send(new byte[16 * 1024 * 1024], List.of(name(deaf))));

		await().until(() -> listener.events(name(deaf)).contains("disconnected"));
		assertThat(server.peers()).isEmpty();
	}

	private NetworkOptions.Builder options() {
		return NetworkOptions.builder().maxQueuedBytes(MAX_QUEUED_BYTES).eventLoops(this.eventLoops);
	}

	private Transport start(NetworkOptions.Builder options, Transport.Listener listener) {
		Transport server = NetworkTransports.tcpServer("127.0.0.1", 0, options.build());
		this.servers.add(server);
		server.start(listener);
		return server;
	}

	private Socket connect(Transport server) throws IOException {
		Socket socket = new Socket(Remotes.loopback(), server.localAddress().getPort());
		socket.setSoTimeout(10_000);
		this.sockets.add(socket);
		return socket;
	}

	/** A peer that reads nothing until the test says, with a receive buffer as small as can be. */
	private Socket connectNotReading(Transport server) throws IOException {
		Socket socket = new Socket();
		this.sockets.add(socket);
		socket.setReceiveBufferSize(4096);
		socket.connect(new InetSocketAddress(Remotes.loopback(), server.localAddress().getPort()));
		return socket;
	}

	/** Writes zeros to the socket, in a thread of its own, counting what the socket took. */
	private static CompletableFuture<Void> writeAsync(Socket socket, long total, AtomicLong written) {
		return CompletableFuture.runAsync(() -> {
			byte[] chunk = new byte[64 * 1024];
			try {
				OutputStream output = socket.getOutputStream();
				while (written.get() < total) {
					output.write(chunk);
					written.addAndGet(chunk.length);
				}
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		});
	}

	/** Reads the socket from now on, in a thread of its own, keeping what it reads. */
	private static Remotes.Received readAll(Socket socket) throws IOException {
		Remotes.Received received = new Remotes.Received();
		InputStream input = socket.getInputStream();
		Thread reader = new Thread(() -> received.readAll(input), "test-remote-reader");
		reader.setDaemon(true);
		reader.start();
		return received;
	}

	/** The server's name for a client socket. */
	private static String name(Socket socket) {
		return "127.0.0.1:" + socket.getLocalPort();
	}

	private static void send(Socket socket, String text) throws IOException {
		socket.getOutputStream().write(bytes(text));
		socket.getOutputStream().flush();
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** Takes every byte it is given, and counts them by peer; may pause a peer as its first bytes come. */
	private static final class CountingListener implements Transport.Listener {

		private final Map<String, AtomicLong> received = new ConcurrentHashMap<>();

		private volatile @Nullable Transport pausing;

		void pauseOnFirstDelivery(Transport transport) {
			this.pausing = transport;
		}

		@Override
		public void received(String peer, ByteBuffer data) {
			AtomicLong count = this.received.computeIfAbsent(peer, (name) -> new AtomicLong());
			Transport transport = this.pausing;
			if (count.getAndAdd(data.remaining()) == 0 && transport != null) {
				// from within the delivery, as an endpoint does when its queue is full
				transport.pauseReading(peer);
			}
			data.position(data.limit());
		}

		long received(String peer) {
			AtomicLong count = this.received.get(peer);
			return (count != null) ? count.get() : 0;
		}

	}

}
