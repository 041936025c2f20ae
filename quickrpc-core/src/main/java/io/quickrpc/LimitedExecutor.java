package io.quickrpc;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs tasks on a delegate executor, at most {@code limit} at a time, starting them in
 * submission order. With a limit of one, tasks run one after another, in order.
 */
final class LimitedExecutor implements Executor {

	private final Executor delegate;

	private final int limit;

	private final Queue<Runnable> queue = new ConcurrentLinkedQueue<>();

	private final AtomicInteger active = new AtomicInteger();

	LimitedExecutor(Executor delegate, int limit) {
		this.delegate = delegate;
		this.limit = limit;
	}

	@Override
	public void execute(Runnable task) {
		this.queue.add(task);
		trySchedule();
	}

	private void trySchedule() {
		while (!this.queue.isEmpty()) {
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
				return;
			}
		}
	}

	private void drain() {
		try {
			Runnable task;
			while ((task = this.queue.poll()) != null) {
				task.run();
			}
		}
		finally {
			this.active.decrementAndGet();
			trySchedule();
		}
	}

}
