package io.quickrpc;

import org.jspecify.annotations.Nullable;

/**
 * Tells an endpoint's {@link CallObserver} of each call that ended, with its duration. Reads the
 * clock only when an observer of the user's wants durations: the endpoint's own statistics only
 * count, and two clock reads cost a noticeable part of a small call.
 */
final class CallReporter {

	private final String endpoint;

	private final CallObserver observer;

	private final boolean timed;

	CallReporter(String endpoint, CallObserver observer, boolean timed) {
		this.endpoint = endpoint;
		this.observer = observer;
		this.timed = timed;
	}

	/** Returns the start of a call, to pass to {@link #ended}. */
	long start() {
		return this.timed ? System.nanoTime() : 0;
	}

	void ended(String method, boolean incoming, CallObserver.Outcome outcome, long start) {
		this.observer.callEnded(this.endpoint, method, incoming, outcome, this.timed ? System.nanoTime() - start : 0);
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
