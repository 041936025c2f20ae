package io.quickrpc;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.quickrpc.security.SecurityInfo;

/**
 * The {@link CallInterceptor}s of an endpoint, which start an {@link InterceptedCall} per call.
 * Without any, callers skip them, and a call costs nothing more than it did without this class:
 * callers ask {@link #none()} before they create the call's target.
 */
final class Interceptors {

	private final String endpoint;

	private final CallInterceptor[] chain;

	Interceptors(String endpoint, List<CallInterceptor> chain) {
		this.endpoint = endpoint;
		this.chain = chain.toArray(new CallInterceptor[0]);
	}

	/** Returns whether there is no interceptor, so that calls go straight to their targets. */
	boolean none() {
		return this.chain.length == 0;
	}

	/**
	 * Returns an incoming call to run through the interceptors, then through its handlers.
	 * @param headers the headers as received, which {@link io.quickrpc.codec.Message.Call} keeps
	 * unmodifiable
	 */
	InterceptedCall incoming(String method, boolean request, String peer, SecurityInfo securityInfo,
			Map<String, String> headers, InterceptedCall.Target target) {
		return new InterceptedCall(this.chain, this.endpoint, method, true, request, peer, securityInfo, headers, target);
	}

	/**
	 * Returns an outgoing call to run through the interceptors, then to be sent with the headers
	 * they added.
	 */
	InterceptedCall outgoing(String method, boolean request, @Nullable String peer, InterceptedCall.Target target) {
		return new InterceptedCall(this.chain, this.endpoint, method, false, request, peer, SecurityInfo.empty(),
				new LinkedHashMap<>(), target);
	}

}
