package io.quickrpc;

/**
 * Base class of the exceptions quickrpc throws at its callers: a call that could not be made or
 * did not end with a reply.
 */
public class RpcException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates an exception with a message that says what went wrong and what to do.
	 * @param message the detail message
	 */
	public RpcException(String message) {
		super(message);
	}

	/**
	 * Creates an exception with a message and the exception that caused it.
	 * @param message the detail message
	 * @param cause the cause
	 */
	public RpcException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * Creates an exception without a stack trace, for failures that are reported, not thrown.
	 * @param message the detail message
	 * @param cause the cause, or {@code null}
	 * @param writableStackTrace whether the stack trace is filled in
	 */
	protected RpcException(String message, Throwable cause, boolean writableStackTrace) {
		super(message, cause, true, writableStackTrace);
	}

}
