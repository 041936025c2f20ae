package io.quickrpc.transport;

/**
 * Marks the threads that serve many peers, such as an endpoint's handler threads: a transport
 * never makes such a thread wait for one slow peer, since every other peer would wait with it.
 * Event-loop threads of a transport are serving threads too; each transport knows its own.
 */
public final class ServingThreads {

	private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

	private ServingThreads() {
	}

	/**
	 * Runs a task with the current thread marked as serving.
	 * @param task the task
	 */
	public static void run(Runnable task) {
		int[] depth = DEPTH.get();
		depth[0]++;
		try {
			task.run();
		}
		finally {
			depth[0]--;
		}
	}

	/**
	 * Returns whether the current thread is marked as serving many peers, and so must not wait for
	 * one.
	 * @return whether the current thread must not wait for a peer
	 */
	public static boolean isCurrent() {
		return DEPTH.get()[0] > 0;
	}

}
