package io.quickrpc.security;

import io.quickrpc.RpcException;

/**
 * A security provider rejected an incoming message: it is not dispatched.
 */
public class SecurityRejectedException extends RpcException {

	private static final long serialVersionUID = 1L;

	/**
	 * Creates the exception.
	 * @param message why the message was rejected
	 */
	public SecurityRejectedException(String message) {
		super(message);
	}

}
