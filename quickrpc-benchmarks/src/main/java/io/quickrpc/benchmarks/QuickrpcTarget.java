package io.quickrpc.benchmarks;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
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
		BenchApi api = this.client.api();
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
			CompletableFuture<String> reply = api.echo(this.payload);
			reply.whenComplete((text, failure) -> {
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
