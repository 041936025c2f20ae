package io.quickrpc.spring.web;

import java.security.Principal;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One caller of a {@link WebTransport}, as the web stack that serves it sees it: a WebSocket
 * session, or an HTTP {@code POST} waiting for its reply.
 */
interface WebPeer {

	/**
	 * Sends frames, each one message, in order, without waiting for the caller to read them.
	 * @param frames the codec's frames, without delimiters
	 * @param addressed whether the sender named this peer, rather than sending to every peer
	 * @throws io.quickrpc.transport.TransportException if this peer cannot take them
	 */
	void send(List<byte[]> frames, boolean addressed);

	/**
	 * Closes the connection, as when the peer sent too much.
	 * @param code the WebSocket close status
	 * @param reason what was wrong, for the peer
	 */
	void close(int code, String reason);

	/**
	 * Returns the principal the web server authenticated, if any.
	 * @return the principal, or {@code null}
	 */
	@Nullable Principal principal();

	/**
	 * Stops reading what the peer sends until {@link #resumeReading()}.
	 * @return whether the web stack can hold the peer back
	 */
	default boolean pauseReading() {
		return false;
	}

	/**
	 * Reads what the peer sends again.
	 */
	default void resumeReading() {
	}

	/**
	 * Returns whether the peer takes outgoing calls and notifications: a WebSocket session does,
	 * an HTTP {@code POST} takes only the reply to its call.
	 * @return whether it is a full-duplex peer
	 */
	default boolean isDuplex() {
		return true;
	}

}
