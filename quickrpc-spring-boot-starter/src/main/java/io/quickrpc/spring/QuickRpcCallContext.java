package io.quickrpc.spring;

import org.jspecify.annotations.Nullable;

import io.quickrpc.CallInterceptor;
import io.quickrpc.CallObserver;

/**
 * What the observation context of a call, incoming or outgoing, tells conventions.
 */
public interface QuickRpcCallContext {

	/**
	 * Returns the observed call.
	 * @return the call
	 */
	CallInterceptor.Invocation getCall();

	/**
	 * Returns how the call ended.
	 * @return the outcome, or {@code null} while it runs
	 */
	CallObserver.@Nullable Outcome getOutcome();

	/**
	 * Returns the JSON-RPC error code of the error reply the call sent or received.
	 * @return the code, or {@code 0} if there was none
	 */
	int getErrorCode();

}
