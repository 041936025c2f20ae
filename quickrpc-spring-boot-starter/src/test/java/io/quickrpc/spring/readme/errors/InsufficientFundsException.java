package io.quickrpc.spring.readme.errors;

import io.quickrpc.RpcError;

// README "Errors": a business exception with its own error code, on both sides
@RpcError(code = 1001)
public class InsufficientFundsException extends Exception {

	private static final long serialVersionUID = 1L;

	public InsufficientFundsException(String message) {
		super(message);
	}

}
