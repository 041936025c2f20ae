package io.quickrpc;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;

import io.netty.util.internal.PlatformDependent;

import io.quickrpc.transport.ServingThreads;

/**
 * Runs the tasks of many lanes, one lane per peer, on a delegate executor, at most {@code limit}
 * at a time, the lanes taking turns: a lane with many waiting tasks delays another lane's task
 * by at most one task per running thread. Within a lane, tasks start in the order they were
 * queued; with a limit of one, they also run one after another.
 * <p>
 * Tasks are {@link Lane#enqueue queued} without being started, then {@link #startQueued()
 * started} together: a burst of calls decoded from one read then wakes a handler thread once,
 * not once per call, which on a busy machine costs more than the calls themselves. The threads
 * that run tasks are {@linkplain ServingThreads serving threads}: a transport never makes them
 * wait for one peer.
 */
final class FairExecutor {

	private final Executor delegate;

	private final int limit;

	private final Map<String, Lane> lanes = new ConcurrentHashMap<>();

	/** The lanes that have tasks and are not being served, in the order they take their turns. */
	private final Queue<Lane> ready = new ConcurrentLinkedQueue<>();

	private final AtomicInteger active = new AtomicInteger();

	private final AtomicInteger queued = new AtomicInteger();

	private final Runnable drain = () -> ServingThreads.run(this::drain);

	FairExecutor(Executor delegate, int limit) {
		this.delegate = delegate;
		this.limit = limit;
	}

	/** Returns the lane of a peer, made on first use. */
	Lane lane(String peer) {
		Lane lane = this.lanes.get(peer);
		return (lane != null) ? lane : this.lanes.computeIfAbsent(peer, Lane::new);
	}

	/** Forgets a peer's lane; tasks it still holds run all the same. */
	void remove(String peer) {
		this.lanes.remove(peer);
	}

	/** Returns how many tasks wait in all lanes. */
	int queued() {
		return this.queued.get();
	}

	/**
	 * Starts running what is queued, on as many delegate tasks as the limit allows and the
	 * queued tasks need.
	 * @throws java.util.concurrent.RejectedExecutionException if the delegate refuses; the tasks
	 * stay queued and start with the next ones
	 */
	void startQueued() {
		// a running delegate task may be busy with one call: each waiting one may need a new one
		int wanted = this.queued.get();
		while (wanted > 0 && !this.ready.isEmpty()) {
			int current = this.active.get();
			if (current >= this.limit) {
				return;
			}
			if (this.active.compareAndSet(current, current + 1)) {
				try {
					this.delegate.execute(this.drain);
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
		boolean ended = false;
		try {
			do {
				Lane lane = this.ready.poll();
				while (lane != null) {
					lane = runNext(lane);
				}
				this.active.decrementAndGet();
				// what came in as the last task ended is run here, not handed to another thread
			}
			while (!this.ready.isEmpty() && takeTurn());
			ended = true;
		}
		finally {
			if (!ended) {
				this.active.decrementAndGet(); // a task threw: this thread leaves
			}
			startQueued();
		}
	}

	/** Counts one more running delegate task, if the limit allows. */
	private boolean takeTurn() {
		int current = this.active.get();
		return current < this.limit && this.active.compareAndSet(current, current + 1);
	}

	/**
	 * Runs the next task of a lane taken from the ready queue; the lane goes back to the end of
	 * the ready queue if it has more, so that other lanes take their turns. With a limit of one,
	 * it goes back once its task has run, and is kept if no other lane waits.
	 * @return the lane to serve next, or {@code null}
	 */
	private @Nullable Lane runNext(Lane lane) {
		Runnable task = lane.tasks.poll();
		this.queued.decrementAndGet();
		boolean more = lane.waiting.decrementAndGet() > 0;
		if (more && this.limit > 1) {
			// another thread may run its next task meanwhile
			this.ready.add(lane);
			more = false;
		}
		boolean ran = false;
		try {
			task.run();
			ran = true;
		}
		finally {
			if (more) {
				if (ran && this.ready.isEmpty()) {
					return lane;
				}
				this.ready.add(lane);
			}
		}
		return this.ready.poll();
	}

	/** The tasks of one peer, in order. */
	final class Lane {

		final String peer;

		// producers are the peer's receiving threads; one consumer at a time: whoever took the
		// lane from the ready queue, which orders the hand-over
		private final Queue<Runnable> tasks = PlatformDependent.newMpscQueue(16, 1 << 30);

		/**
		 * The tasks queued and not yet taken. The producer that raises it from zero puts the lane
		 * in the ready queue; the consumer that takes a task and leaves more puts it back.
		 */
		private final AtomicInteger waiting = new AtomicInteger();

		/** The bytes of what waits in the lane, as its user counts them. */
		final AtomicLong bytes = new AtomicLong();

		/** Whether its user holds the lane's peer back; guarded by the lane. */
		volatile boolean paused;

		Lane(String peer) {
			this.peer = peer;
		}

		/** Queues a task without starting it: call {@link FairExecutor#startQueued()} afterwards. */
		void enqueue(Runnable task) {
			FairExecutor.this.queued.incrementAndGet();
			this.tasks.add(task);
			if (this.waiting.getAndIncrement() == 0) {
				FairExecutor.this.ready.add(this);
			}
		}

		/** Returns how many tasks wait in the lane. */
		int size() {
			return this.waiting.get();
		}

	}

}
