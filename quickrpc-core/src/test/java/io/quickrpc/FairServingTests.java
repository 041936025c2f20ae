package io.quickrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quickrpc.transport.network.NetworkOptions;

/**
 * A server shared by many clients, with its default settings, stays fast and small whatever one
 * client does: one that never reads its replies, one that sends faster than handlers run, or
 * many that trickle their frames byte by byte.
 */
class FairServingTests {

	@RegisterExtension
	final Endpoints endpoints = new Endpoints();

	@Test
	void aClientThatNeverReadsItsRepliesHoldsBackNeitherOtherClientsNorMemory() throws Exception {
		RpcEndpoint<EchoApi> server = this.endpoints.start(RpcEndpoint.builder(EchoApi.class)
			.transport("tcpserv:127.0.0.1:0")
			.networkOptions(this.endpoints.networkOptions().build()));
		server.connect(new RpcEndpointTests.EchoHandler());
		RpcEndpoint<EchoApi> other = this.endpoints.start(RpcEndpoint.builder(EchoApi.class).inverted(true)
			.transport("tcp:127.0.0.1:" + Endpoints.port(server))
			.networkOptions(this.endpoints.networkOptions().build()));
		long heapBefore = usedHeapAfterGc();
		Socket nonReader = new Socket();
		nonReader.setReceiveBufferSize(4096);
		nonReader.connect(new InetSocketAddress("127.0.0.1", Endpoints.port(server)));
		AtomicLong sent = new AtomicLong();
		byte[] request = ("{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"params\":{\"text\":\"" + "x".repeat(16 * 1024)
				+ "\"},\"id\":1}\0").getBytes(StandardCharsets.UTF_8);
		CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> {
			try {
				OutputStream out = nonReader.getOutputStream();
				for (int i = 0; i < 50_000; i++) {
					out.write(request);
					sent.incrementAndGet();
				}
			}
			catch (IOException ex) {
				// dropped by the server, or closed by the test: either ends the flood
			}
		});
		try {
			// a few hundred 16 KiB requests fill the buffers on the way: from then on, it is held back
			await().until(() -> sent.get() > 300);

			long slowest = 0;
			for (int i = 0; i < 1_000; i++) {
				long start = System.nanoTime();
				assertThat(other.api().ping("ping " + i)).isEqualTo("ping " + i);
				slowest = Math.max(slowest, System.nanoTime() - start);
			}

			assertThat(Duration.ofNanos(slowest)).as("the slowest of 1,000 pings while the other client floods")
				.isLessThan(Duration.ofMillis(200));
			// held back, or dropped (its writes then fail): never served at the others' expense
			assertThat(sent.get()).as("requests the non-reader got written").isLessThan(50_000);
			// replies and requests waiting for the non-reader are bounded: 4 MiB of calls and
			// twice the 4 MiB of queued bytes, and the frame being read; 800 MB if it were served
			long bounds = 4L * 1024 * 1024 + 2L * NetworkOptions.DEFAULT_MAX_QUEUED_BYTES
					+ NetworkOptions.DEFAULT_MAX_FRAME_SIZE;
			long slack = 48L * 1024 * 1024;
			assertThat(usedHeapAfterGc() - heapBefore).as("heap grown while the non-reader floods")
				.isLessThan(bounds + slack);
		}
		finally {
			nonReader.close();
			flood.join();
		}
	}

	@Test
	void aClientSendingNotificationsFasterThanHandlersRunIsSlowedDownAndLosesNothing() {
		int notifications = 1_000_000;
		AtomicLong handled = new AtomicLong();
		RpcEndpoint<EchoApi> server = this.endpoints.start(RpcEndpoint.builder(EchoApi.class)
			.transport("tcpserv:127.0.0.1:0")
			.networkOptions(this.endpoints.networkOptions().build()));
		server.connect("say", (call) -> {
			long until = System.nanoTime() + 10_000;
			while (System.nanoTime() < until) {
				Thread.onSpinWait(); // a handler that takes 10 µs
			}
			handled.incrementAndGet();
			return null;
		});
		RpcEndpoint<EchoApi> client = this.endpoints.start(RpcEndpoint.builder(EchoApi.class).inverted(true)
			.transport("tcp:127.0.0.1:" + Endpoints.port(server))
			.networkOptions(this.endpoints.networkOptions().build()));

		for (int i = 0; i < notifications; i++) {
			client.api().say(null, "n");
		}
		long handledWhenSent = handled.get();

		// all that was not handled when the client's last send returned fits in the buffers on the
		// way: the client's queue (4 MiB), the sockets', and the server's queue for the peer (1,000
		// calls); some 150,000 of these messages in all. A client that was not held back would have
		// sent all a million in a fraction of the 10 s the handler needs for them.
		assertThat(handledWhenSent).as("notifications handled when the client had sent them all")
			.isGreaterThan(notifications - 300_000L);
		await().atMost(Duration.ofMinutes(2)).until(() -> handled.get() == notifications);
		assertThat(server.statistics().droppedCalls()).isZero();
		assertThat(server.statistics().readPauses()).as("times the server held the client back").isPositive();
	}

	@Test
	void connectionsTricklingAFrameAreAllDisconnectedAtTheFrameDeadlineWhileOthersAreServed() throws Exception {
		RpcEndpoint<EchoApi> server = this.endpoints.start(RpcEndpoint.builder(EchoApi.class)
			.transport("tcpserv:127.0.0.1:0")
			.networkOptions(this.endpoints.networkOptions().frameTimeout(Duration.ofSeconds(3)).build()));
		server.connect(new RpcEndpointTests.EchoHandler());
		RpcEndpoint<EchoApi> other = this.endpoints.start(RpcEndpoint.builder(EchoApi.class).inverted(true)
			.transport("tcp:127.0.0.1:" + Endpoints.port(server))
			.networkOptions(this.endpoints.networkOptions().build()));
		await().until(() -> server.peers().size() == 1);
		List<Socket> tricklers = new ArrayList<>();
		ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
		try {
			for (int i = 0; i < 100; i++) {
				Socket trickler = new Socket("127.0.0.1", Endpoints.port(server));
				tricklers.add(trickler);
			}
			await().until(() -> server.peers().size() == 101);
			byte[] frame = "{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"params\":{\"text\":\"slow\"},\"id\":1}"
				.getBytes(StandardCharsets.UTF_8);
			AtomicLong second = new AtomicLong();
			clock.scheduleAtFixedRate(() -> {
				int at = (int) Math.min(second.getAndIncrement(), frame.length - 1);
				for (Socket trickler : tricklers) {
					try {
						trickler.getOutputStream().write(frame[at]); // one byte a second, never the delimiter
					}
					catch (IOException ex) {
						// disconnected by the server: what this test waits for
					}
				}
			}, 0, 1, TimeUnit.SECONDS);

			int served = 0;
			while (server.peers().size() > 1) {
				assertThat(other.api().ping("served " + served)).isEqualTo("served " + served);
				served++;
			}

			assertThat(server.peers()).as("only the client that completes its frames is left").hasSize(1);
			assertThat(served).isPositive();
			for (Socket trickler : tricklers) {
				trickler.setSoTimeout(10_000);
				assertThat(trickler.getInputStream().read()).as("the trickler's connection is closed").isEqualTo(-1);
			}
		}
		finally {
			clock.shutdownNow();
			for (Socket trickler : tricklers) {
				trickler.close();
			}
		}
	}

	private static long usedHeapAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		System.gc();
		return memory.getHeapMemoryUsage().getUsed();
	}

}
