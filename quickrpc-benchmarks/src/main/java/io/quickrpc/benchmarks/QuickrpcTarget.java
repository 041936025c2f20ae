package io.quickrpc.benchmarks;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import io.quickrpc.RpcEndpoint;

/**
 * quickrpc as a user writes it: a client endpoint of {@link BenchApi} calling through its proxy,
 * to a server over {@code tcp} (in another process) or over {@code internal} (in this one).
 */
final class QuickrpcTarget implements Target {

	private final String name;

	private final RpcEndpoint<BenchApi> client;

	private final @Nullable RpcEndpoint<BenchApi> localServer;

	private final String payload;

	/** How many one-way messages may be on their way, for transports that cannot slow a sender down; 0 for no bound. */
	private final int oneWayWindow;

	private QuickrpcTarget(String name, RpcEndpoint<BenchApi> client, @Nullable RpcEndpoint<BenchApi> localServer,
			String payload) {
		this(name, client, localServer, payload, 0);
	}

	private QuickrpcTarget(String name, RpcEndpoint<BenchApi> client, @Nullable RpcEndpoint<BenchApi> localServer,
			String payload, int oneWayWindow) {
		this.name = name;
		this.client = client;
		this.localServer = localServer;
		this.payload = payload;
		this.oneWayWindow = oneWayWindow;
	}

	static QuickrpcTarget tcp(int port, String payload) {
		return tcp("quickrpc tcp+jrpc", port, payload);
	}

	static QuickrpcTarget tcp(String name, int port, String payload) {
		RpcEndpoint<BenchApi> client = RpcEndpoint.builder(BenchApi.class)
			.inverted(true)
			.transport("tcp:127.0.0.1:" + port)
			.build()
			.start();
		return new QuickrpcTarget(name, client, null, payload);
	}

	/**
	 * A client of the {@code servers} group of namespace {@code bench} on a NATS server, whose one
	 * member runs in the server process; requests name no peer and go to the group.
	 */
	static QuickrpcTarget nats(String url, String payload) {
		RpcEndpoint<BenchApi> client = RpcEndpoint.builder(BenchApi.class)
			.inverted(true)
			.transport("nats:(" + url + "):bench")
			.build()
			.start();
		long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
		while (!client.peers().contains("servers")) {
			if (System.nanoTime() > deadline) {
				client.stop();
				throw new IllegalStateException("The nats benchmark server did not show up within 10 s");
			}
			Thread.onSpinWait();
		}
		return new QuickrpcTarget("quickrpc nats+jrpc, service group", client, null, payload, RawNats.ONE_WAY_WINDOW);
	}

	static QuickrpcTarget internal(String payload) {
		String bus = "internal:bench-" + System.nanoTime();
		RpcEndpoint<BenchApi> server = RpcEndpoint.builder(BenchApi.class).transport(bus).build();
		server.connect(new BenchHandler(server));
		server.start();
		RpcEndpoint<BenchApi> client = RpcEndpoint.builder(BenchApi.class).inverted(true).transport(bus).build().start();
		return new QuickrpcTarget("quickrpc internal", client, server, payload);
	}

	@Override
	public String name() {
		return this.name;
	}

	BenchApi api() {
		return this.client.api();
	}

	@Override
	public long[] sequential(int warmup, int measured) throws Exception {
		BenchApi api = this.client.api();
		long[] latencies = new long[measured];
		for (int i = -warmup; i < measured; i++) {
			long start = System.nanoTime();
			api.echo(this.payload).get();
			if (i >= 0) {
				latencies[i] = System.nanoTime() - start;
			}
		}
		return latencies;
	}

	@Override
	public double pipelined(Duration warmup, Duration measure, int window) throws Exception {
		// as raw Netty's client does, each reply sends the next call, from the thread it arrives on
		Refill refill = new Refill(this.client.api(), this.payload);
		for (int i = 0; i < window; i++) {
			refill.call();
		}
		Thread.sleep(warmup.toMillis());
		long before = refill.completed.get();
		long start = System.nanoTime();
		Thread.sleep(measure.toMillis());
		long after = refill.completed.get();
		double seconds = (System.nanoTime() - start) / 1e9;
		refill.running = false;
		if (!refill.drained.await(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("the last window of calls did not end within 30 s");
		}
		return (after - before) / seconds;
	}

	/** Keeps a window of calls outstanding: each reply sends the next call, until stopped. */
	private static final class Refill {

		private final BenchApi api;

		private final String payload;

		final AtomicLong completed = new AtomicLong();

		private final AtomicInteger outstanding = new AtomicInteger();

		final CountDownLatch drained = new CountDownLatch(1);

		volatile boolean running = true;

		Refill(BenchApi api, String payload) {
			this.api = api;
			this.payload = payload;
		}

		void call() {
			this.outstanding.incrementAndGet();
			this.api.echo(this.payload).whenComplete((text, failure) -> {
				this.completed.incrementAndGet();
				if (failure == null && this.running) {
					call();
				}
				if (this.outstanding.decrementAndGet() == 0) {
					this.drained.countDown();
				}
			});
		}

	}

	@Override
	public double oneWay(Duration duration) throws Exception {
		BenchApi api = this.client.api();
		long before = api.received().get();
		long sent = before;
		long known = before;
		long start = System.nanoTime();
		long end = start + duration.toNanos();
		while (System.nanoTime() < end) {
			for (int i = 0; i < 64; i++) {
				api.note(this.payload);
			}
			sent += 64;
			while (this.oneWayWindow > 0 && sent - known > this.oneWayWindow) {
				known = api.received().get();
			}
		}
		long after = api.received().get();
		return (after - before) / ((System.nanoTime() - start) / 1e9);
	}

	@Override
	public void close() {
		this.client.stop();
		if (this.localServer != null) {
			this.localServer.stop();
		}
	}

}
