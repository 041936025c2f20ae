package io.quickrpc.benchmarks;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Collection;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.quickrpc.RpcEndpoint;
import io.quickrpc.transport.Transport;

/**
 * Measures what quickrpc itself costs per call, without network or threads: a client and a
 * server endpoint of {@link BenchApi} in this process, joined by a transport that hands what one
 * sends straight to the other on the same thread, handlers run on that thread too. A request
 * and its reply then cost encoding, decoding and dispatching on both sides, and nothing else.
 * Prints the median of ten rounds of a million calls each.
 */
public final class LoopbackCost {

	private static final int CALLS = 1_000_000;

	private static final int ROUNDS = 10;

	private LoopbackCost() {
	}

	/**
	 * Runs the measurement.
	 * @param args none
	 */
	public static void main(String[] args) {
		Loop toServer = new Loop("client");
		Loop toClient = new Loop("server");
		toServer.other = toClient;
		toClient.other = toServer;
		RpcEndpoint<BenchApi> server = RpcEndpoint.builder(BenchApi.class)
			.transport(toServer)
			.handlersOnReceivingThread()
			.build();
		server.connect(new BenchHandler(server));
		server.start();
		RpcEndpoint<BenchApi> client = RpcEndpoint.builder(BenchApi.class)
			.transport(toClient)
			.inverted(true)
			.handlersOnReceivingThread()
			.build()
			.start();
		BenchApi api = client.api();
		double[] requests = new double[ROUNDS];
		double[] notifications = new double[ROUNDS];
		for (int round = 0; round < ROUNDS; round++) {
			long start = System.nanoTime();
			for (int i = 0; i < CALLS; i++) {
				api.echo(Benchmarks.PAYLOAD).join();
			}
			long middle = System.nanoTime();
			for (int i = 0; i < CALLS; i++) {
				api.note(Benchmarks.PAYLOAD);
			}
			long end = System.nanoTime();
			requests[round] = (middle - start) / (double) CALLS;
			notifications[round] = (end - middle) / (double) CALLS;
			System.err.printf("round %d: request and reply %.0f ns, notification %.0f ns%n", round + 1,
					requests[round], notifications[round]);
		}
		client.stop();
		server.stop();
		System.out.printf("quickrpc's own cost per call (jrpc, no network, one thread), median of %d rounds of %,d:%n"
				+ "  request and reply: %.0f ns%n  notification:      %.0f ns%n", ROUNDS, CALLS, median(requests),
				median(notifications));
	}

	private static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		return sorted[sorted.length / 2];
	}

	/** Half of a synchronous in-memory link: what is sent here is received by the other half. */
	private static final class Loop implements Transport {

		private final String peer;

		private @Nullable Loop other;

		private @Nullable Listener listener;

		Loop(String peer) {
			this.peer = peer;
		}

		@Override
		public void start(Listener listener) {
			this.listener = listener;
			listener.peerConnected(this.peer);
		}

		@Override
		public void stop() {
			this.listener = null;
		}

		@Override
		public boolean isRunning() {
			return this.listener != null;
		}

		@Override
		public void send(byte[] data, @Nullable Collection<String> receivers) {
			Loop receiving = this.other;
			Listener target = (receiving != null) ? receiving.listener : null;
			if (target == null) {
				throw new IllegalStateException("the other end of the loopback is stopped");
			}
			target.received(receiving.peer, ByteBuffer.wrap(data));
		}

		@Override
		public Set<String> peers() {
			return Set.of(this.peer);
		}

	}

}
