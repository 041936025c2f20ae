package io.quickrpc;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks on a delegate executor, at most {@code limit} at a time, starting them in
 * submission order. With a limit of one, tasks run one after another, in order. At most
 * {@code maxQueued} tasks wait; past it, {@link #execute} throws {@link QueueFullException}.
 * <p>
 * Tasks may also be {@link #enqueue queued} without being started, then {@link #startQueued()
 * started} together: a burst of calls decoded from one read then wakes a handler thread once,
 * not once per call, which on a busy machine costs more than the calls themselves.
 */
final class LimitedExecutor implements Executor {

	private final Executor delegate;

	private final int limit;

	private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();

	private final AtomicInteger active = new AtomicInteger();

	private final AtomicInteger queued = new AtomicInteger();

	private final int maxQueued;

	LimitedExecutor(Executor delegate, int limit, int maxQueued) {
		this.delegate = delegate;
		this.limit = limit;
		this.maxQueued = maxQueued;
	}

	@Override
	public void execute(Runnable task) {
		enqueue(task);
		startQueued();
	}

	/**
	 * Queues a task to run after those queued before it, without starting it: call
	 * {@link #startQueued()} afterwards.
	 * @throws QueueFullException if {@code maxQueued} tasks wait already
	 */
	void enqueue(Runnable task) {
		if (this.queued.incrementAndGet() > this.maxQueued) {
			this.queued.decrementAndGet();
			throw new QueueFullException(this.maxQueued);
		}
		this.queue.add(task);
	}

	/**
	 * Starts running what is queued, on as many delegate tasks as the limit allows and the
	 * queue needs.
	 */
	void startQueued() {
		// a running delegate task may be busy with one call: each waiting one may need a new one
		int wanted = this.queued.get();
		while (wanted > 0 && !this.queue.isEmpty()) {
			int current = this.active.get();
			if (current >= this.limit) {
				return;
			}
			if (this.active.compareAndSet(current, current + 1)) {
				try {
					this.delegate.execute(this::drain);
				}
				catch (RuntimeException ex) {
					this.active.decrementAndGet();
					throw ex;
				}
				wanted--;
			}
		}
	}

	private void drain() {
		try {
			Runnable task;
			while ((task = this.queue.poll()) != null) {
				this.queued.decrementAndGet();
				task.run();
			}
		}
		finally {
			this.active.decrementAndGet();
			startQueued();
		}
	}

	/** Thrown when too many tasks wait. */
	static final class QueueFullException extends RejectedExecutionException {

		QueueFullException(int maxQueued) {
			super(maxQueued + " received calls are waiting for a handler thread, the maximum; the peer should retry "
					+ "later, or raise maxQueuedCalls or handlerConcurrency");
		}

	}

}
