package io.quickrpc;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.quickrpc.security.SecurityInfo;

/**
 * One call on its way through an endpoint's {@link CallInterceptor}s to its target: the handlers
 * of an incoming call, the sending of an outgoing one. Tells the interceptors' end listeners once
 * how it ended.
 */
final class InterceptedCall implements CallInterceptor.Invocation {

	/** What the last interceptor proceeds to. */
	@FunctionalInterface
	interface Target {

		@Nullable Object run(InterceptedCall call) throws Exception;

	}

	private final CallInterceptor[] chain;

	private final String endpoint;

	private final String method;

	private final boolean incoming;

	private final boolean request;

	private final @Nullable String peer;

	private final SecurityInfo securityInfo;

	private final Map<String, String> headers;

	private final Target target;

	/** The interceptor that the next {@link #proceed()} runs; past the last, the target. */
	private int next;

	private final List<CallInterceptor.EndListener> endListeners = new ArrayList<>(1);

	private boolean ended;

	InterceptedCall(CallInterceptor[] chain, String endpoint, String method, boolean incoming, boolean request,
			@Nullable String peer, SecurityInfo securityInfo, Map<String, String> headers, Target target) {
		this.chain = chain;
		this.endpoint = endpoint;
		this.method = method;
		this.incoming = incoming;
		this.request = request;
		this.peer = peer;
		this.securityInfo = securityInfo;
		this.headers = headers;
		this.target = target;
	}

	@Override
	public String endpoint() {
		return this.endpoint;
	}

	@Override
	public String method() {
		return this.method;
	}

	@Override
	public boolean isIncoming() {
		return this.incoming;
	}

	@Override
	public boolean isRequest() {
		return this.request;
	}

	@Override
	public @Nullable String peer() {
		return this.peer;
	}

	@Override
	public SecurityInfo securityInfo() {
		return this.securityInfo;
	}

	@Override
	public Map<String, String> headers() {
		return this.headers;
	}

	@Override
	public @Nullable Object proceed() throws Exception {
		int index = this.next++;
		if (index < this.chain.length) {
			CallInterceptor interceptor = this.chain[index];
			return this.incoming ? interceptor.interceptIncoming(this) : interceptor.interceptOutgoing(this);
		}
		if (index == this.chain.length) {
			return this.target.run(this);
		}
		throw new IllegalStateException("proceed() was called again for " + this.method + " of endpoint '"
				+ this.endpoint + "'; each interceptor must call it exactly once");
	}

	@Override
	public synchronized void whenEnded(CallInterceptor.EndListener listener) {
		this.endListeners.add(listener);
	}

	/**
	 * Tells the end listeners how the call ended; only the first time.
	 * @param code the error code of the error reply sent or received, or {@code 0}
	 */
	void end(CallObserver.Outcome outcome, int code, @Nullable Throwable failure) {
		List<CallInterceptor.EndListener> listeners;
		synchronized (this) {
			if (this.ended) {
				return;
			}
			this.ended = true;
			listeners = this.endListeners;
		}
		for (CallInterceptor.EndListener listener : listeners) {
			listener.ended(outcome, code, failure);
		}
	}

	@Override
	public String toString() {
		return (this.incoming ? "incoming " : "outgoing ") + this.method + " of endpoint '" + this.endpoint + "'";
	}

}
