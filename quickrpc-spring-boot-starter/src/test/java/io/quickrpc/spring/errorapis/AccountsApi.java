package io.quickrpc.spring.errorapis;

import io.quickrpc.Incoming;
import io.quickrpc.RemoteApi;

@RemoteApi("accounts")
public interface AccountsApi {

	@Incoming
	long withdraw(String account, long amount) throws InsufficientFundsException;

	@Incoming
	String close(String account);

	@Incoming
	String audit(String account);

	@Incoming
	String rename(String account, String name);

	@Incoming
	String open(String name);

	@Incoming
	String register(String name);

	@Incoming
	String crash(String reason);

}
