package io.quickrpc;

/**
 * Hears of incoming messages that went wrong: undecodable frames, unknown methods, rejected
 * messages, failing notification handlers. Requests that went wrong are also answered with an
 * error reply; this listener is for the receiving side's own logs and metrics. The default logs
 * at WARN.
 */
@FunctionalInterface
public interface ErrorListener {

	/**
	 * Called for each incoming message that could not be handled.
	 * @param peer the peer the message came from
	 * @param error what went wrong
	 */
	void onError(String peer, Throwable error);

}
