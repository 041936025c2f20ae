package io.quickrpc.transport;

import io.quickrpc.RpcException;

/**
 * A transport could not start, or could not send.
 */
public class TransportException extends RpcException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message what failed, naming the transport or address, and what to do
	 */
	public TransportException(String message) {
		super(message);
	}

	/**
	 * Creates the exception with its cause.
	 * @param message what failed, and what to do
	 * @param cause the cause
	 */
	public TransportException(String message, Throwable cause) {
		super(message, cause);
	}

}
