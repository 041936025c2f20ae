package io.quickrpc.spring;

import java.util.Map;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import org.jspecify.annotations.Nullable;

import io.quickrpc.CallInterceptor;
import io.quickrpc.CallObserver;

/**
 * The observation context of an incoming call: the call, whose headers carry the caller's trace
 * context, and, once it ended, its outcome.
 */
public final class QuickRpcServerContext extends ReceiverContext<Map<String, String>> implements QuickRpcCallContext {

	private final CallInterceptor.Invocation call;

	private volatile CallObserver.@Nullable Outcome outcome;

	private volatile int errorCode;

	QuickRpcServerContext(CallInterceptor.Invocation call) {
		super((headers, key) -> headers.get(key), Kind.SERVER);
		this.call = call;
		setCarrier(call.headers());
		setRemoteServiceAddress(call.peer());
	}

	@Override
	public CallInterceptor.Invocation getCall() {
		return this.call;
	}

	@Override
	public CallObserver.@Nullable Outcome getOutcome() {
		return this.outcome;
	}

	@Override
	public int getErrorCode() {
		return this.errorCode;
	}

	void ended(CallObserver.Outcome outcome, int errorCode) {
		this.errorCode = errorCode;
		this.outcome = outcome;
	}

}
