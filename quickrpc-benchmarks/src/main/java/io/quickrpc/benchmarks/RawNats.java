package io.quickrpc.benchmarks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;

/**
 * The baseline of the {@code nats} systems: jnats request/reply with no quickrpc, the same payload
 * and windows. The server answers {@code bench.echo} with the request's bytes (in queue group
 * {@code servers}, as quickrpc's members), counts {@code bench.note} and tells the count on
 * {@code bench.received}.
 */
final class RawNats {

	/** How many one-way messages may be on their way before the sender waits, as for quickrpc over NATS. */
	static final int ONE_WAY_WINDOW = 768;

	private RawNats() {
	}

	/** The server side, in the server process. */
	static final class Server implements AutoCloseable {

		private final Connection connection;

		private final AtomicLong received = new AtomicLong();

		Server(String url) throws Exception {
			this.connection = Nats.connect(url);
			Dispatcher dispatcher = this.connection.createDispatcher();
			dispatcher.subscribe("bench.echo", "servers", (message) -> this.connection.publish(message.getReplyTo(),
					message.getData()));
			dispatcher.subscribe("bench.note", (message) -> this.received.incrementAndGet());
			dispatcher.subscribe("bench.received", (message) -> this.connection.publish(message.getReplyTo(),
					ByteBuffer.allocate(8).putLong(this.received.get()).array()));
			this.connection.flush(Duration.ofSeconds(5));
		}

		@Override
		public void close() throws InterruptedException {
			this.connection.close();
		}

	}

	/** The client side. */
	static final class Client implements Target {

		private final Connection connection;

		private final byte[] payload;

		Client(String url, String payload) throws Exception {
			this.connection = Nats.connect(url);
			this.payload = payload.getBytes(StandardCharsets.US_ASCII);
		}

		@Override
		public String name() {
			return "raw jnats request/reply";
		}

		@Override
		public long[] sequential(int warmup, int measured) throws Exception {
			long[] latencies = new long[measured];
			for (int i = -warmup; i < measured; i++) {
				long start = System.nanoTime();
				Message reply = this.connection.request("bench.echo", this.payload, Duration.ofSeconds(10));
				if (reply == null) {
					throw new IllegalStateException("no reply to bench.echo within 10 s");
				}
				if (i >= 0) {
					latencies[i] = System.nanoTime() - start;
				}
			}
			return latencies;
		}

		@Override
		public double pipelined(Duration warmup, Duration measure, int window) throws Exception {
			Semaphore outstanding = new Semaphore(window);
			AtomicLong completed = new AtomicLong();
			long warm = System.nanoTime() + warmup.toNanos();
			long end = warm + measure.toNanos();
			long before = -1;
			long start = 0;
			long now;
			while ((now = System.nanoTime()) < end) {
				if (before < 0 && now >= warm) {
					before = completed.get();
					start = now;
				}
				outstanding.acquire();
				CompletableFuture<Message> reply = this.connection.requestWithTimeout("bench.echo", this.payload,
						Duration.ofSeconds(10));
				reply.whenComplete((message, failure) -> {
					completed.incrementAndGet();
					outstanding.release();
				});
			}
			long after = completed.get();
			double seconds = (System.nanoTime() - start) / 1e9;
			outstanding.acquire(window);
			return (after - before) / seconds;
		}

		@Override
		public double oneWay(Duration duration) throws Exception {
			long before = received();
			long sent = before;
			long known = before;
			long start = System.nanoTime();
			long end = start + duration.toNanos();
			while (System.nanoTime() < end) {
				for (int i = 0; i < 64; i++) {
					this.connection.publish("bench.note", this.payload);
				}
				sent += 64;
				// NATS does not slow a sender down: the client waits for the server instead
				while (sent - known > ONE_WAY_WINDOW) {
					known = received();
				}
			}
			long after = received();
			return (after - before) / ((System.nanoTime() - start) / 1e9);
		}

		private long received() throws Exception {
			Message reply = this.connection.request("bench.received", new byte[0], Duration.ofSeconds(10));
			if (reply == null) {
				throw new IllegalStateException("no reply to bench.received within 10 s");
			}
			return ByteBuffer.wrap(reply.getData()).getLong();
		}

		@Override
		public void close() throws InterruptedException {
			this.connection.close();
		}

	}

}
