package io.quickrpc.spring.readme.errors;

import java.util.Map;

import io.quickrpc.IncomingCall;
import io.quickrpc.spring.RpcAdvice;
import io.quickrpc.spring.RpcExceptionHandler;

// README "Errors": the server's advice
@RpcAdvice
public class TransferAdvice {

	@RpcExceptionHandler(code = 1002)
	Map<String, Object> frozen(AccountFrozenException ex, IncomingCall call) {
		return Map.of("account", call.argument("from"));   // the error's data
	}

}
