package io.quickrpc.spring;

import java.util.Map;

import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.SenderContext;
import org.jspecify.annotations.Nullable;

import io.quickrpc.CallInterceptor;
import io.quickrpc.CallObserver;

/**
 * The observation context of an outgoing call: the call, into whose headers the trace context is
 * put, and, once it ended, its outcome.
 */
public final class QuickRpcClientContext extends SenderContext<Map<String, String>> implements QuickRpcCallContext {

	private final CallInterceptor.Invocation call;

	private volatile CallObserver.@Nullable Outcome outcome;

	private volatile int errorCode;

	QuickRpcClientContext(CallInterceptor.Invocation call) {
		super((headers, key, value) -> {
			if (headers != null) {
				headers.put(key, value);
			}
		}, Kind.CLIENT);
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
