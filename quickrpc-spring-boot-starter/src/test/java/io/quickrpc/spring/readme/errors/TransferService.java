package io.quickrpc.spring.readme.errors;

import org.springframework.stereotype.Service;

import io.quickrpc.IncomingHandler;

// README "Errors": the server's handler
@Service
public class TransferService {

	@IncomingHandler
	public long transfer(String from, String to, long cents) throws InsufficientFundsException {
		if (cents <= 0) {
			throw new IllegalArgumentException("cents must be positive, not " + cents);   // -32602
		}
		if (from.equals("frozen")) {
			throw new AccountFrozenException(from);                                     // advice: 1002
		}
		if (cents > 100_00) {
			throw new InsufficientFundsException(from + " has 100.00");                 // @RpcError: 1001
		}
		return 100_00 - cents;
	}

}
