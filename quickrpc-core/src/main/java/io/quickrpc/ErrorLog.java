package io.quickrpc;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default {@link ErrorListener}: logs problems at WARN, at most {@value #LINES_PER_SECOND}
 * lines a second per endpoint, so a peer that sends a flood of bad messages cannot flood the log
 * too. What it leaves out, it counts and tells in the next line it writes.
 */
final class ErrorLog implements ErrorListener {

	static final int LINES_PER_SECOND = 10;

	private static final Logger logger = LoggerFactory.getLogger(RpcEndpoint.class);

	private static final long SECOND = 1_000_000_000L;

	private final String endpoint;

	private long windowStart = Long.MIN_VALUE;

	private int linesInWindow;

	private long suppressed;

	ErrorLog(String endpoint) {
		this.endpoint = endpoint;
	}

	@Override
	public void onError(String peer, Throwable error) {
		long left = admit(System.nanoTime());
		if (left < 0) {
			return;
		}
		String more = (left > 0) ? " (" + left + " similar problems before this one were not logged)" : "";
		if (error instanceof RpcException) {
			logger.warn("Endpoint '{}', message from '{}': {}{}", this.endpoint, peer, error.getMessage(), more);
		}
		else {
			logger.warn("Endpoint '{}', message from '{}': handler failed{}", this.endpoint, peer, more, error);
		}
	}

	/**
	 * Decides whether a problem seen at {@code now} is logged.
	 * @return -1 to leave it out, else how many problems were left out since the last line
	 */
	synchronized long admit(long now) {
		if (this.windowStart == Long.MIN_VALUE || now - this.windowStart >= SECOND) {
			this.windowStart = now;
			this.linesInWindow = 0;
		}
		if (++this.linesInWindow > LINES_PER_SECOND) {
			this.suppressed++;
			return -1;
		}
		long left = this.suppressed;
		this.suppressed = 0;
		return left;
	}

}
