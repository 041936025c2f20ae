package io.quickrpc;

import org.jspecify.annotations.Nullable;

/**
 * Listens to one incoming method, as a lambda:
 * {@code endpoint.connect("say", call -> log(call.sender(), call.argument("text")))}.
 * Several listeners of a method run in the order they were connected.
 */
@FunctionalInterface
public interface IncomingListener {

	/**
	 * Handles an incoming call.
	 * @param call the call, its sender and arguments
	 * @return the reply to a request (a value, or a {@link java.util.concurrent.CompletionStage}
	 * of one), or {@code null}; at most one listener of a method may return a reply
	 * @throws Exception to answer a request with an error reply; throw {@link RemoteException}
	 * to choose its code
	 */
	@Nullable Object onCall(IncomingCall call) throws Exception;

}
