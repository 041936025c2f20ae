package io.quickrpc.codec;

import io.netty.util.concurrent.FastThreadLocal;
import tools.jackson.core.util.BufferRecycler;
import tools.jackson.core.util.RecyclerPool;

/**
 * Jackson's parse and write buffers, one set per thread, kept in a Netty {@link FastThreadLocal}:
 * on event-loop threads, where messages are decoded, that is an array read instead of a
 * thread-local map lookup and a soft reference, which Jackson's own per-thread pool costs on
 * every parser and generator.
 */
final class ThreadBuffers extends RecyclerPool.ThreadLocalPoolBase<BufferRecycler> {

	static final ThreadBuffers INSTANCE = new ThreadBuffers();

	private static final long serialVersionUID = 1L;

	private static final FastThreadLocal<BufferRecycler> RECYCLERS = new FastThreadLocal<>() {

		@Override
		protected BufferRecycler initialValue() {
			return new BufferRecycler();
		}

	};

	private ThreadBuffers() {
	}

	@Override
	public BufferRecycler acquirePooled() {
		return RECYCLERS.get();
	}

}
