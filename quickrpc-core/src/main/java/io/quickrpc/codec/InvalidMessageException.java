package io.quickrpc.codec;

import io.quickrpc.RpcException;

/**
 * A frame that could not be decoded into a {@link Message}. Codecs report it to their
 * {@link Codec.Sink} instead of throwing, and go on with the next frame. It carries the
 * JSON-RPC error code to answer with and, where the frame revealed one, the request id.
 */
public final class InvalidMessageException extends RpcException {

	private static final long serialVersionUID = 1L;

	private final int code;

	private final long id;

	/**
	 * Creates the report of a bad frame.
	 * @param code the JSON-RPC error code, such as {@code -32700} or {@code -32600}
	 * @param id the request id if the frame revealed one, else {@code 0}
	 * @param message what was wrong with the frame
	 */
	public InvalidMessageException(int code, long id, String message) {
		super(message, null, false);
		this.code = code;
		this.id = id;
	}

	/**
	 * Returns the JSON-RPC error code that describes the problem.
	 * @return the error code
	 */
	public int code() {
		return this.code;
	}

	/**
	 * Returns the id of the request the frame carried, or {@code 0} if unknown: only a known id
	 * can be answered with an error reply.
	 * @return the request id, or {@code 0}
	 */
	public long id() {
		return this.id;
	}

}
