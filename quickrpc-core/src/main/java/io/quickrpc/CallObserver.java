package io.quickrpc;

/**
 * Hears of every call an endpoint made or handled, when it ended: for metrics and tracing.
 * Called on the thread that ended the call; must be fast, must not throw (what it throws is
 * logged, at most once a second, and the call ends all the same), and must be safe for
 * concurrent use.
 */
@FunctionalInterface
public interface CallObserver {

	/**
	 * Called once per call, when it ends.
	 * @param endpoint the endpoint's name
	 * @param method the method name
	 * @param incoming whether the other side called us
	 * @param outcome how the call ended
	 * @param nanos how long it took: from sending to the reply for an outgoing request, the
	 * handlers' time for an incoming call, the sending for a notification
	 */
	void callEnded(String endpoint, String method, boolean incoming, Outcome outcome, long nanos);

	/** How a call ended. */
	enum Outcome {

		/** A reply, or a notification handled or sent. */
		SUCCESS,

		/** An error reply: the handler failed, or the call was invalid. */
		ERROR,

		/** No reply within the reply timeout. */
		TIMEOUT,

		/** The call could not be made or finished: not sent, peer gone, endpoint stopped. */
		FAILED

	}

}
