package io.quickrpc.spring.readme.errors;

import io.quickrpc.Incoming;
import io.quickrpc.RemoteApi;

// README "Errors": the API, shared by server and client
@RemoteApi("transfers")
public interface TransferApi {

	@Incoming
	long transfer(String from, String to, long cents) throws InsufficientFundsException;

}
