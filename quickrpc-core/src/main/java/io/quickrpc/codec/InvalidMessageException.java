package io.quickrpc.codec;

import org.jspecify.annotations.Nullable;

import io.quickrpc.RpcException;

/**
 * A frame, or an entry of a batch, that could not be decoded into a {@link Message}. Codecs
 * report it to their {@link Codec.Sink} instead of throwing, and go on with the next frame. It
 * carries the JSON-RPC error code to answer with and the id to answer to, if it may be answered.
 */
public final class InvalidMessageException extends RpcException {

	private static final long serialVersionUID = 1L;

	private final int code;

	private final transient @Nullable RequestId replyTo;

	/**
	 * Creates the report of a bad frame.
	 * @param code the JSON-RPC error code, such as {@code -32700} or {@code -32600}
	 * @param replyTo the id to answer with an error reply: the request's id if the frame revealed
	 * one, {@link RequestId#nullId()} if it did not (as JSON-RPC answers unreadable requests), or
	 * {@code null} if the frame must not be answered (a reply, or a notification)
	 * @param message what was wrong with the frame
	 */
	public InvalidMessageException(int code, @Nullable RequestId replyTo, String message) {
		super(message, null, false);
		this.code = code;
		this.replyTo = replyTo;
	}

	/**
	 * Returns the JSON-RPC error code that describes the problem.
	 * @return the error code
	 */
	public int code() {
		return this.code;
	}

	/**
	 * Returns the id to answer the frame with an error reply, or {@code null} if it must not be
	 * answered: replies are never answered, lest two peers answer each other's errors forever.
	 * @return the id of the error reply, or {@code null}
	 */
	public @Nullable RequestId replyTo() {
		return this.replyTo;
	}

}
