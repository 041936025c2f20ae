package io.quickrpc.spring.errorapis;

import io.quickrpc.RpcError;

@RpcError(code = 1001)
public class InsufficientFundsException extends Exception {

	private static final long serialVersionUID = 1L;

	public InsufficientFundsException(String message) {
		super(message);
	}

}
