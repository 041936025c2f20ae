package io.quickrpc.spring.readme.errors;

// README "Errors": an exception of the server's own, mapped by advice
public class AccountFrozenException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public AccountFrozenException(String account) {
		super("account " + account + " is frozen");
	}

}
