package io.quickrpc;

/**
 * Decides which of a stream of similar problems get a log line: at most a given number a
 * second, so that a peer that causes a flood of them cannot flood the log too. What it leaves
 * out, it counts, for the next line to tell.
 */
final class LogBudget {

	private static final long SECOND = 1_000_000_000L;

	private final int linesPerSecond;

	private long windowStart = Long.MIN_VALUE;

	private int linesInWindow;

	private long suppressed;

	LogBudget(int linesPerSecond) {
		this.linesPerSecond = linesPerSecond;
	}

	/**
	 * Decides whether a problem seen at {@code now} is logged.
	 * @param now {@link System#nanoTime()}
	 * @return -1 to leave it out, else how many problems were left out since the last line
	 */
	synchronized long admit(long now) {
		if (this.windowStart == Long.MIN_VALUE || now - this.windowStart >= SECOND) {
			this.windowStart = now;
			this.linesInWindow = 0;
		}
		if (++this.linesInWindow > this.linesPerSecond) {
			this.suppressed++;
			return -1;
		}
		long left = this.suppressed;
		this.suppressed = 0;
		return left;
	}

}
