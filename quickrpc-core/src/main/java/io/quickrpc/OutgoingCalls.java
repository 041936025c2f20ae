package io.quickrpc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.netty.util.Timer;

import io.quickrpc.codec.Message;
import io.quickrpc.codec.RequestId;
import io.quickrpc.transport.ServingThreads;
import io.quickrpc.transport.Transport;

/**
 * The proxy behind an endpoint's {@link RpcEndpoint#api()}: turns each call of an outgoing
 * method into a message, and a request's reply into the method's return value.
 */
final class OutgoingCalls implements InvocationHandler {

	/** How often a call that waits for a transport to run again looks at it. */
	private static final long TRANSPORT_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(10);

	private final ApiModel api;

	private final PendingReplies pending;

	private final Outbox outbox;

	private final Supplier<@Nullable Timer> timer;

	private final CallReporter reporter;

	private final Interceptors interceptors;

	OutgoingCalls(ApiModel api, PendingReplies pending, Outbox outbox,
			Supplier<@Nullable Timer> timer, CallReporter reporter, Interceptors interceptors) {
		this.interceptors = interceptors;
		this.api = api;
		this.pending = pending;
		this.outbox = outbox;
		this.timer = timer;
		this.reporter = reporter;
	}

	@Override
	public @Nullable Object invoke(Object proxy, Method method, @Nullable Object @Nullable [] arguments)
			throws Throwable {
		@Nullable Object[] args = (arguments != null) ? arguments : new Object[0];
		if (method.getDeclaringClass() == Object.class) {
			return switch (method.getName()) {
				case "equals" -> proxy == args[0];
				case "hashCode" -> System.identityHashCode(proxy);
				default -> this.api.type.getSimpleName() + " proxy of endpoint '" + this.api.name + "'";
			};
		}
		MethodModel model = this.api.method(method);
		if (model == null) {
			return InvocationHandler.invokeDefault(proxy, method, args);
		}
		if (model.incoming) {
			throw new UnsupportedOperationException(model.description + " is incoming on this "
					+ (this.api.inverted ? "inverted " : "") + "endpoint: the other side calls it. Connect a listener "
					+ "to receive it, or invert the endpoint to call it");
		}
		if (method.isDefault()) {
			InvocationHandler.invokeDefault(proxy, method, args);
		}
		Collection<String> receivers = model.receivers(args);
		awaitTransport(model);
		if (!model.hasReply()) {
			notify(model, args, receivers);
			return null;
		}
		if (model.replyKind == MethodModel.ReplyKind.BLOCKING && ReceiveThreads.isCurrent()) {
			throw new RpcException("Cannot wait for the reply to " + model.description + " on thread '"
					+ Thread.currentThread().getName() + "': it delivers received messages, so the reply could never "
					+ "arrive. Declare the method as returning CompletableFuture, or run handlers on an executor");
		}
		PendingReplies.Pending entry = request(model, args, receivers);
		return (model.replyKind == MethodModel.ReplyKind.ASYNC) ? entry.future : await(entry);
	}

	private void notify(MethodModel model, @Nullable Object[] args, @Nullable Collection<String> receivers) {
		long start = this.reporter.start();
		CallObserver.Outcome outcome = CallObserver.Outcome.FAILED;
		InterceptedCall intercepted = null;
		Exception failure = null;
		try {
			if (this.interceptors.none()) {
				this.outbox.send(Message.Call.notification(model.name, model.binding.params(args)), receivers);
			}
			else {
				String peer = (receivers != null && receivers.size() == 1) ? receivers.iterator().next() : null;
				intercepted = this.interceptors.outgoing(model.name, false, peer, (call) -> {
					this.outbox.send(new Message.Call(model.name, model.binding.params(args), null, call.headers()),
							receivers);
					return null;
				});
				intercepted.proceed();
			}
			outcome = CallObserver.Outcome.SUCCESS;
		}
		catch (Exception ex) {
			failure = ex;
			throw unchecked(ex);
		}
		finally {
			this.reporter.ended(model.name, false, outcome, start);
			if (intercepted != null) {
				intercepted.end(outcome, 0, failure);
			}
		}
	}

	private PendingReplies.Pending request(MethodModel model, @Nullable Object[] args,
			@Nullable Collection<String> receivers) {
		Timer timer = this.timer.get();
		if (timer == null) {
			throw new RpcException("Cannot call " + model.description + ": endpoint '" + this.api.name
					+ "' is not running; start it first");
		}
		String peer = soleReceiver(model, receivers);
		PendingReplies.Pending entry = this.pending.register(model, peer, timer);
		InterceptedCall intercepted = this.interceptors.none() ? null
				: this.interceptors.outgoing(model.name, true, peer, (call) -> {
					send(model, args, entry, call.headers());
					return entry.future;
				});
		if (intercepted != null) {
			entry.future.whenComplete((result, failure) -> intercepted.end(CallReporter.outcome(failure),
					(failure instanceof RemoteException remote) ? remote.code() : 0, failure));
		}
		try {
			if (intercepted == null) {
				send(model, args, entry, Map.of());
			}
			else {
				intercepted.proceed();
			}
		}
		catch (Exception ex) {
			RuntimeException failure = unchecked(ex);
			this.pending.fail(entry, (failure instanceof RpcException rpc) ? rpc
					: new RpcException(String.valueOf(failure.getMessage()), failure));
			throw failure;
		}
		return entry;
	}

	/** A checked exception of an interceptor's, which the API method does not declare, as an RpcException. */
	private static RuntimeException unchecked(Exception ex) {
		return (ex instanceof RuntimeException runtime) ? runtime
				: new RpcException("A call interceptor threw " + ex + "; the call may not have been sent", ex);
	}

	private void send(MethodModel model, @Nullable Object[] args, PendingReplies.Pending entry,
			Map<String, String> headers) {
		this.outbox.send(new Message.Call(model.name, model.binding.params(args), RequestId.of(entry.id), headers),
				List.of(entry.peer));
	}

	private String soleReceiver(MethodModel model, @Nullable Collection<String> receivers) {
		String preferred = (receivers == null) ? this.outbox.transport().defaultReceiver() : null;
		if (preferred != null) {
			return preferred;
		}
		Collection<String> candidates = (receivers != null) ? receivers : this.outbox.transport().peers();
		if (candidates.size() != 1) {
			Set<String> peers = this.outbox.transport().peers();
			throw new RpcException("Cannot call " + model.description + ": a call with a reply goes to exactly one peer, "
					+ "but " + ((receivers != null) ? "the @Peer argument names " + receivers.size()
							: peers.size() + " peers are connected " + peers)
					+ "; name one peer with a @Peer parameter");
		}
		return candidates.iterator().next();
	}

	/**
	 * Waits, up to the reply timeout, while the transport of a started endpoint is down, as a
	 * client's between connections is, for it to run again.
	 * @throws RpcException if it does not, saying the server is unreachable
	 */
	private void awaitTransport(MethodModel model) {
		Transport transport = this.outbox.transport();
		if (transport.isRunning()) {
			return; // nearly always: the clock and the thread markers are read only when it is not
		}
		long wait = this.pending.timeout(model).toNanos();
		long deadline = System.nanoTime() + wait;
		// a thread that serves other peers, or an asynchronous call, must not wait for a connection
		boolean mayWait = model.replyKind != MethodModel.ReplyKind.ASYNC && !ServingThreads.isCurrent()
				&& !ReceiveThreads.isCurrent();
		while (!transport.isRunning() && this.timer.get() != null) {
			long left = deadline - System.nanoTime();
			if (!mayWait) {
				throw new RpcException("Cannot call " + model.description + ": the server is unreachable: transport "
						+ transport + " of endpoint '" + this.api.name + "' is not connected, and the call was not sent; "
						+ "call again once it is (isRunning()), or from a thread that may wait for it");
			}
			if (left <= 0) {
				throw new RpcException("Cannot call " + model.description + ": the server is unreachable: transport "
						+ transport + " of endpoint '" + this.api.name + "' has not connected within the reply timeout ("
						+ TimeUnit.NANOSECONDS.toMillis(wait) + " ms), and the call was not sent; check that the server "
						+ "runs and can be reached");
			}
			LockSupport.parkNanos(Math.min(left, TRANSPORT_POLL_NANOS));
			if (Thread.interrupted()) {
				Thread.currentThread().interrupt();
				throw new RpcException("Interrupted while " + model.description + " waited for transport " + transport
						+ " to connect");
			}
		}
	}

	private @Nullable Object await(PendingReplies.Pending entry) throws Throwable {
		try {
			return entry.future.get();
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof RuntimeException || entry.method.errors.declares(cause)) {
				throw cause;
			}
			throw new RpcException("Call of " + entry.method.description + " failed: " + cause, cause);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			RpcException interrupted = new RpcException("Interrupted while waiting for the reply to "
					+ entry.method.description, ex);
			this.pending.fail(entry, interrupted);
			throw interrupted;
		}
	}

}
