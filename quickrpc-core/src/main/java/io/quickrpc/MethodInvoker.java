package io.quickrpc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;

import org.jspecify.annotations.Nullable;

import io.quickrpc.codec.Message;
import io.quickrpc.security.SecurityInfo;

/**
 * Runs one incoming call on a handler thread: finds its method, reads its arguments, runs the
 * method's default body and its listeners in connection order, and hands the result or the
 * failure to {@link Replies}. Times the call for the observers.
 */
final class MethodInvoker {

	private final ApiModel api;

	private final ListenerTable listeners;

	/** The API proxy, whose default methods run before the listeners. */
	private final Object proxy;

	private final CallReporter reporter;

	private final Replies replies;

	private final HandlerErrors errors;

	private final Interceptors interceptors;

	MethodInvoker(ApiModel api, ListenerTable listeners, Object proxy, CallReporter reporter, Replies replies,
			HandlerErrors errors, Interceptors interceptors) {
		this.interceptors = interceptors;
		this.api = api;
		this.listeners = listeners;
		this.proxy = proxy;
		this.reporter = reporter;
		this.replies = replies;
		this.errors = errors;
	}

	/**
	 * Runs a call and answers it if it is a request.
	 * @param batch where the reply goes if the call came in a batch, else {@code null}
	 */
	void invoke(String peer, Message.Call call, SecurityInfo securityInfo, @Nullable BatchReplies batch) {
		long start = this.reporter.start();
		// params read as arguments were read for this API's incoming method of that name
		MethodModel method = (call.params() instanceof Arguments arguments) ? arguments.method()
				: this.api.method(call.method());
		if (method == null || !method.incoming) {
			String reason = (method == null) ? "unknown method '" + call.method() + "'"
					: "'" + call.method() + "' is not an incoming method here";
			this.replies.reject(peer, batch, call.id(), RemoteException.METHOD_NOT_FOUND, new RemoteException(
					RemoteException.METHOD_NOT_FOUND, reason + " in API '" + this.api.name + "'"));
			ended(call, CallObserver.Outcome.ERROR, start);
			return;
		}
		IncomingCall incoming = null;
		Answer answer = new Answer();
		InterceptedCall intercepted = null;
		try {
			incoming = new IncomingCall(method, peer, arguments(method, call).forCall(peer), securityInfo);
			Object result;
			if (this.interceptors.none()) {
				result = invokeListeners(method, incoming, answer);
			}
			else {
				IncomingCall running = incoming;
				intercepted = this.interceptors.incoming(method.name, call.isRequest(), peer, securityInfo, call.headers(),
						(self) -> invokeListeners(method, running, answer));
				result = intercepted.proceed();
			}
			if (result instanceof CompletionStage<?> stage && call.isRequest()) {
				IncomingCall handled = incoming;
				InterceptedCall async = intercepted;
				stage.whenComplete((value, failure) -> {
					if (failure != null) {
						Throwable cause = unwrap(failure);
						ended(call, start, async, fail(peer, call, method, handled, answer.handler, cause, batch), cause);
					}
					else {
						this.replies.reply(peer, call, method, value, batch);
						ended(call, start, async, 0, null);
					}
				});
				return;
			}
			this.replies.reply(peer, call, method, result, batch);
			ended(call, start, intercepted, 0, null);
		}
		catch (Exception ex) {
			ended(call, start, intercepted, fail(peer, call, method, incoming, answer.handler, ex, batch), ex);
		}
	}

	/**
	 * Answers a call whose handler threw, with the error reply its exception maps to.
	 * @return the error code of the reply
	 */
	private int fail(String peer, Message.Call call, MethodModel method, @Nullable IncomingCall incoming,
			@Nullable Object handler, Throwable failure, @Nullable BatchReplies batch) {
		MappedError mapped = (incoming != null && !(failure instanceof RemoteException))
				? this.errors.map(failure, incoming, method, handler) : null;
		if (mapped != null) {
			return this.replies.replyMapped(peer, call, failure, mapped, batch);
		}
		return this.replies.replyError(peer, call, failure, batch);
	}

	/** The arguments the endpoint's reader read; a codec that read them otherwise is a bug of the codec's. */
	private static Arguments arguments(MethodModel method, Message.Call call) {
		if (call.params() instanceof Arguments arguments) {
			return arguments;
		}
		throw new IllegalStateException("The codec did not read the params of " + method.description + " with the "
				+ "reader its sink gave it; a codec must read every value with the reader the sink returns");
	}

	private void ended(Message.Call call, CallObserver.Outcome outcome, long start) {
		this.reporter.ended(call.method(), true, outcome, start);
	}

	/**
	 * Reports a call that ran its handlers.
	 * @param code the error code of the reply, or {@code 0} if the handlers succeeded
	 */
	private void ended(Message.Call call, long start, @Nullable InterceptedCall intercepted, int code,
			@Nullable Throwable failure) {
		CallObserver.Outcome outcome = (failure != null) ? CallObserver.Outcome.ERROR : CallObserver.Outcome.SUCCESS;
		ended(call, outcome, start);
		if (intercepted != null) {
			intercepted.end(outcome, code, failure);
		}
	}

	/**
	 * Runs the default method and the listeners; {@code answer} tells which of them threw, or
	 * returned the reply.
	 */
	private @Nullable Object invokeListeners(MethodModel method, IncomingCall call, Answer answer) throws Exception {
		List<IncomingListener> connected = this.listeners.listeners(method.name);
		Object result = null;
		int replies = 0;
		if (method.method.isDefault()) {
			Object value = invokeDefault(method, call);
			if (value != null && method.hasReply()) {
				result = value;
				replies = 1;
			}
		}
		else if (connected.isEmpty()) {
			throw new RemoteException(RemoteException.METHOD_NOT_FOUND, "no handler is connected for '" + method.name
					+ "' in API '" + this.api.name + "'");
		}
		for (IncomingListener listener : connected) {
			Object handler = (listener instanceof HandlerMethodListener bound) ? bound.target : listener;
			answer.handler = handler;
			Object value = listener.onCall(call);
			if (value != null && method.hasReply()) {
				result = value;
				replies++;
				answer.replier = handler;
			}
		}
		answer.handler = answer.replier;
		if (replies > 1) {
			throw new RemoteException(RemoteException.INTERNAL_ERROR, replies + " listeners returned a reply to '"
					+ method.name + "'; at most one may");
		}
		return result;
	}

	private @Nullable Object invokeDefault(MethodModel method, IncomingCall call) throws Exception {
		try {
			return InvocationHandler.invokeDefault(this.proxy, method.method, call.rawArguments());
		}
		catch (Exception | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new InvocationTargetException(ex);
		}
	}

	/** Which handler threw, or returned the reply: {@code null} for the interface's default method. */
	private static final class Answer {

		@Nullable Object handler;

		@Nullable Object replier;

	}

	private static Throwable unwrap(Throwable failure) {
		Throwable current = failure;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

}
