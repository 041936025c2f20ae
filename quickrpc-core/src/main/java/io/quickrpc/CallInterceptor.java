package io.quickrpc;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.quickrpc.security.SecurityInfo;

/**
 * Wraps an endpoint's calls, for tracing, metrics and access control: the running of an incoming
 * call's handlers, on the handler thread, and the sending of an outgoing call, on the caller's
 * thread. An interceptor calls {@link Invocation#proceed()} once, on the thread it was called on,
 * and returns what that returned, or throws; it may run code around it, such as making a trace or
 * a security context current. It may fail the call instead by throwing a {@link RemoteException},
 * which becomes the error reply of an incoming request as it is.
 * <p>
 * The interceptors set on a builder wrap each other in the order they were set: the first is the
 * outermost. Calls of methods that are not incoming methods of the API are answered with an error
 * without interception. Implementations must be safe for concurrent use.
 */
public interface CallInterceptor {

	/**
	 * Runs the handlers of an incoming call, on the handler thread.
	 * @param call the call; its headers are those the caller sent
	 * @return what {@code call.proceed()} returned: the handlers' result, which may be a
	 * {@link java.util.concurrent.CompletionStage} that completes later
	 * @throws Exception what {@code call.proceed()} threw, or a failure of the interceptor's
	 */
	default @Nullable Object interceptIncoming(Invocation call) throws Exception {
		return call.proceed();
	}

	/**
	 * Sends an outgoing call, on the caller's thread.
	 * @param call the call; headers put into {@link Invocation#headers()} before proceeding are sent
	 * with it
	 * @return what {@code call.proceed()} returned: {@code null} for a notification, the
	 * {@link java.util.concurrent.CompletableFuture} of the reply for a request
	 * @throws Exception what {@code call.proceed()} threw, or a failure of the interceptor's
	 */
	default @Nullable Object interceptOutgoing(Invocation call) throws Exception {
		return call.proceed();
	}

	/**
	 * One call, as interceptors see it.
	 */
	interface Invocation {

		/**
		 * Returns the name of the endpoint the call belongs to.
		 * @return the endpoint's name
		 */
		String endpoint();

		/**
		 * Returns the name of the called method.
		 * @return the method name
		 */
		String method();

		/**
		 * Returns whether the other side called this one.
		 * @return {@code true} for an incoming call, {@code false} for an outgoing one
		 */
		boolean isIncoming();

		/**
		 * Returns whether the caller waits for a reply.
		 * @return whether the call is a request
		 */
		boolean isRequest();

		/**
		 * Returns the peer: the sender of an incoming call, the receiver of an outgoing request.
		 * @return the peer, or {@code null} for a notification sent to several peers or to all
		 */
		@Nullable String peer();

		/**
		 * Returns what the security provider vouches for about an incoming call.
		 * @return the security information; empty for an outgoing call
		 */
		SecurityInfo securityInfo();

		/**
		 * Returns the call's headers: context that travels beside the arguments, such as a W3C
		 * {@code traceparent}. Those of an incoming call are as received, and cannot be changed;
		 * those of an outgoing call are sent with it, and may be added to until it proceeds.
		 * @return the headers
		 */
		Map<String, String> headers();

		/**
		 * Runs the next interceptor, or, after the last, the handlers of an incoming call or the
		 * sending of an outgoing one. Called once.
		 * @return the result, as {@link CallInterceptor#interceptIncoming} and
		 * {@link CallInterceptor#interceptOutgoing} describe it
		 * @throws Exception what the handlers or the sending threw
		 * @throws IllegalStateException if called a second time
		 */
		@Nullable Object proceed() throws Exception;

		/**
		 * Asks to hear when the call has ended: when an incoming call's reply was sent (or, for a
		 * notification, its handlers returned), when an outgoing request's reply arrived or it failed,
		 * when an outgoing notification was sent. Called once, on the thread that ended the call.
		 * @param listener the listener
		 */
		void whenEnded(EndListener listener);

	}

	/**
	 * Hears how a call ended.
	 */
	@FunctionalInterface
	interface EndListener {

		/**
		 * Called once, when the call has ended.
		 * @param outcome how it ended
		 * @param errorCode the JSON-RPC error code of the error reply that was sent or received, or
		 * {@code 0} if there was none
		 * @param failure the failure, or {@code null} if the call succeeded
		 */
		void ended(CallObserver.Outcome outcome, int errorCode, @Nullable Throwable failure);

	}

}
