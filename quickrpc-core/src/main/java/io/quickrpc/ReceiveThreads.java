package io.quickrpc;

/**
 * Marks the threads that are delivering received bytes: a call that blocks for a reply on such a
 * thread would wait for itself.
 */
final class ReceiveThreads {

	private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

	private ReceiveThreads() {
	}

	static void enter() {
		DEPTH.get()[0]++;
	}

	static void exit() {
		DEPTH.get()[0]--;
	}

	static boolean isCurrent() {
		return DEPTH.get()[0] > 0;
	}

}
