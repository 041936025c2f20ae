package io.quickrpc.transport;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes daemon threads and remembers them, so that a test can check that those it owns have
 * ended, whatever other tests run at the same time.
 */
public final class RecordingThreads implements ThreadFactory {

	private final String prefix;

	private final AtomicInteger count = new AtomicInteger();

	private final List<Thread> made = new CopyOnWriteArrayList<>();

	/**
	 * Creates the factory.
	 * @param prefix the start of the threads' names
	 */
	public RecordingThreads(String prefix) {
		this.prefix = prefix;
	}

	@Override
	public Thread newThread(Runnable task) {
		Thread thread = new Thread(task, this.prefix + "-" + this.count.incrementAndGet());
		thread.setDaemon(true);
		this.made.add(thread);
		return thread;
	}

	/**
	 * Returns the names of the threads made here that are still alive.
	 * @return the names
	 */
	public List<String> alive() {
		return this.made.stream().filter(Thread::isAlive).map(Thread::getName).toList();
	}

	/**
	 * Returns how many threads were made here.
	 * @return the count
	 */
	public int made() {
		return this.made.size();
	}

}
