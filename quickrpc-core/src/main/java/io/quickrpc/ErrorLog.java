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

	private final String endpoint;

	private final LogBudget budget = new LogBudget(LINES_PER_SECOND);

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

	/** Decides whether a problem seen at {@code now} is logged; see {@link LogBudget#admit(long)}. */
	long admit(long now) {
		return this.budget.admit(now);
	}

}
