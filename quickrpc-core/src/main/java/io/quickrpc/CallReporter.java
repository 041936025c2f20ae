package io.quickrpc;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells an endpoint's {@link CallObserver} of each call that ended, with its duration. Reads the
 * clock only when an observer of the user's wants durations: the endpoint's own statistics only
 * count, and two clock reads cost a noticeable part of a small call.
 */
final class CallReporter {

	private static final Logger logger = LoggerFactory.getLogger(RpcEndpoint.class);

	private final String endpoint;

	private final CallObserver observer;

	private final boolean timed;

	private final LogBudget failureLog = new LogBudget(1);

	CallReporter(String endpoint, CallObserver observer, boolean timed) {
		this.endpoint = endpoint;
		this.observer = observer;
		this.timed = timed;
	}

	/** Returns the start of a call, to pass to {@link #ended}. */
	long start() {
		return this.timed ? System.nanoTime() : 0;
	}

	/**
	 * Tells the observer; one that throws, as it must not, is logged (once a second at most) and
	 * never keeps a call from its end.
	 */
	void ended(String method, boolean incoming, CallObserver.Outcome outcome, long start) {
		try {
			this.observer.callEnded(this.endpoint, method, incoming, outcome,
					this.timed ? System.nanoTime() - start : 0);
		}
		catch (RuntimeException ex) {
			long left = this.failureLog.admit(System.nanoTime());
			if (left >= 0) {
				logger.warn("The call observer of endpoint '{}' threw on {} {}; a CallObserver must not throw, so "
						+ "catch what it may throw{}", this.endpoint, incoming ? "incoming" : "outgoing", method,
						(left > 0) ? " (and " + left + " more times in the last second)" : "", ex);
			}
		}
	}

	/** Returns how an outgoing request ended, given why it failed, or {@code null} if it did not. */
	static CallObserver.Outcome outcome(@Nullable Throwable failure) {
		if (failure == null) {
			return CallObserver.Outcome.SUCCESS;
		}
		if (ReplyErrors.isErrorReply(failure)) {
			return CallObserver.Outcome.ERROR;
		}
		return (failure instanceof ReplyTimeoutException) ? CallObserver.Outcome.TIMEOUT : CallObserver.Outcome.FAILED;
	}

}
