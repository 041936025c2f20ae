package io.quickrpc.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

import io.quickrpc.IncomingHandler;
import io.quickrpc.RpcEndpoint;

/**
 * The server side of {@link BenchApi}.
 */
final class BenchHandler {

	private final AtomicLong received = new AtomicLong();

	private final RpcEndpoint<?> endpoint;

	BenchHandler(RpcEndpoint<?> endpoint) {
		this.endpoint = endpoint;
	}

	@IncomingHandler
	String echo(String text) {
		return text;
	}

	@IncomingHandler
	void note(String text) {
		this.received.incrementAndGet();
	}

	@IncomingHandler
	long received() {
		return this.received.get();
	}

	@IncomingHandler
	int connections() {
		return this.endpoint.peers().size();
	}

	@IncomingHandler
	long heapAfterGc() {
		return usedHeapAfterGc();
	}

	static long usedHeapAfterGc() {
		for (int i = 0; i < 3; i++) {
			System.gc();
		}
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
