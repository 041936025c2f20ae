package io.quickrpc.codec;

import io.netty.util.concurrent.FastThreadLocal;
import tools.jackson.core.util.BufferRecycler;
import tools.jackson.core.util.JsonRecyclerPools;
import tools.jackson.core.util.RecyclerPool;

/**
 * Jackson's parse and write buffers, one set per thread, kept in a Netty {@link FastThreadLocal}:
 * on event-loop threads, where messages are decoded, that is an array read instead of a
 * thread-local map lookup and a soft reference, which Jackson's own per-thread pool costs on
 * every parser and generator. Virtual threads share Jackson's concurrent pool instead, as one
 * set per virtual thread would be allocated for every call.
 */
final class ThreadBuffers extends RecyclerPool.ThreadLocalPoolBase<BufferRecycler> {

	static final ThreadBuffers INSTANCE = new ThreadBuffers();

	private static final long serialVersionUID = 1L;

	private static final RecyclerPool<BufferRecycler> SHARED = JsonRecyclerPools.sharedConcurrentDequePool();

	private static final FastThreadLocal<BufferRecycler> RECYCLERS = new FastThreadLocal<>() {

		@Override
		protected BufferRecycler initialValue() {
			return new BufferRecycler();
		}

	};

	private ThreadBuffers() {
	}

	@Override
	public BufferRecycler acquireAndLinkPooled() {
		// linked to the shared pool, a virtual thread's buffers go back to it when released
		return VirtualThreads.isCurrent() ? SHARED.acquireAndLinkPooled() : RECYCLERS.get();
	}

	@Override
	public BufferRecycler acquirePooled() {
		return RECYCLERS.get();
	}

}
