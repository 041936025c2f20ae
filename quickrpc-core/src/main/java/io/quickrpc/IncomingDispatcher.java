package io.quickrpc;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.quickrpc.codec.Codec;
import io.quickrpc.codec.InvalidMessageException;
import io.quickrpc.codec.Message;
import io.quickrpc.codec.RequestId;
import io.quickrpc.security.SecurityInfo;
import io.quickrpc.security.SecurityRejectedException;
import io.quickrpc.transport.Transport;
import io.quickrpc.transport.TransportException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The way in: decodes what the transport delivers, checks it with the security provider,
 * completes pending requests with their replies, and runs incoming calls on the handler
 * executor, answering requests.
 */
final class IncomingDispatcher implements Transport.Listener {

	private final ApiModel api;

	private final ListenerTable listeners;

	private final PendingReplies pending;

	private final Outbox outbox;

	private final ErrorListener errors;

	private final JsonMapper mapper;

	private final Supplier<LimitedExecutor> handlers;

	private final Object proxy;

	private final CallReporter reporter;

	private final CallStatistics statistics;

	private final boolean sendStackTraces;

	IncomingDispatcher(ApiModel api, ListenerTable listeners, PendingReplies pending, Outbox outbox,
			ErrorListener errors, JsonMapper mapper, Supplier<LimitedExecutor> handlers, Object proxy,
			CallReporter reporter, CallStatistics statistics, boolean sendStackTraces) {
		this.sendStackTraces = sendStackTraces;
		this.reporter = reporter;
		this.statistics = statistics;
		this.api = api;
		this.listeners = listeners;
		this.pending = pending;
		this.outbox = outbox;
		this.errors = errors;
		this.mapper = mapper;
		this.handlers = handlers;
		this.proxy = proxy;
	}

	/**
	 * Decodes what arrived; the calls among it are queued for the handlers as they are decoded and
	 * started together at the end.
	 */
	@Override
	public void received(String peer, ByteBuffer data) {
		ReceiveThreads.enter();
		try {
			Decoding decoding = new Decoding(peer);
			this.outbox.codec.decode(data, decoding);
			decoding.startHandlers();
		}
		finally {
			ReceiveThreads.exit();
		}
	}

	@Override
	public void peerDisconnected(String peer) {
		this.pending.failPeer(peer);
	}

	/**
	 * Checks one frame's message with the security provider, then routes it, or each message of a
	 * batch.
	 * @return the executor a call was queued on, or {@code null}
	 */
	private @Nullable LimitedExecutor accept(String peer, Message message, Map<String, String> securityInfo,
			ByteBuffer payload) {
		SecurityInfo verified;
		try {
			verified = this.outbox.security.verify(payload, securityInfo);
		}
		catch (SecurityRejectedException ex) {
			this.statistics.securityRejection();
			RequestId replyTo = (message instanceof Message.Call call) ? call.id()
					: (message instanceof Message.Batch batch && BatchReplies.awaited(batch) > 0) ? RequestId.nullId() : null;
			reject(peer, null, replyTo, RemoteException.SECURITY_REJECTED, ex);
			return null;
		}
		String identity = this.outbox.transport.peerIdentity(peer);
		if (identity != null) {
			verified = verified.with(SecurityInfo.TLS_PEER, identity);
		}
		if (!(message instanceof Message.Batch batch)) {
			return route(peer, message, verified, null);
		}
		int awaited = BatchReplies.awaited(batch);
		BatchReplies replies = (awaited > 0) ? new BatchReplies(awaited, (all) -> send(peer, all)) : null;
		for (InvalidMessageException problem : batch.problems()) {
			this.statistics.invalidMessage();
			reject(peer, replies, problem.replyTo(), problem.code(), problem);
		}
		LimitedExecutor queuedOn = null;
		for (Message entry : batch.messages()) {
			LimitedExecutor executor = route(peer, entry, verified, replies);
			queuedOn = (executor != null) ? executor : queuedOn;
		}
		return queuedOn;
	}

	/**
	 * Queues a call for the handlers, or completes the request a reply answers.
	 * @param batch where the replies go if the call came in a batch, else {@code null}
	 * @return the executor a call was queued on, or {@code null}
	 */
	private @Nullable LimitedExecutor route(String peer, Message message, SecurityInfo securityInfo,
			@Nullable BatchReplies batch) {
		if (message instanceof Message.Call call) {
			try {
				LimitedExecutor executor = this.handlers.get();
				executor.enqueue(() -> dispatch(peer, call, securityInfo, batch));
				return executor;
			}
			catch (LimitedExecutor.QueueFullException ex) {
				reject(peer, batch, call.id(), RemoteException.OVERLOADED,
						new RpcException("Cannot handle " + call.method() + " now: " + ex.getMessage(), ex));
			}
			catch (RejectedExecutionException ex) {
				reject(peer, batch, call.id(), RemoteException.INTERNAL_ERROR,
						new RpcException("Cannot handle " + call.method() + ": the endpoint is stopping", ex));
			}
			return null;
		}
		String unexpected = this.pending.complete(peer, message);
		if (unexpected != null) {
			this.errors.onError(peer, new RpcException("Ignored " + unexpected + "."));
		}
		return null;
	}

	private void dispatch(String peer, Message.Call call, SecurityInfo securityInfo, @Nullable BatchReplies batch) {
		long start = this.reporter.start();
		MethodModel method = this.api.method(call.method());
		if (method == null || !method.incoming) {
			String reason = (method == null) ? "unknown method '" + call.method() + "'"
					: "'" + call.method() + "' is not an incoming method here";
			reject(peer, batch, call.id(), RemoteException.METHOD_NOT_FOUND, new RemoteException(
					RemoteException.METHOD_NOT_FOUND, reason + " in API '" + this.api.name + "'"));
			ended(call, CallObserver.Outcome.ERROR, start);
			return;
		}
		try {
			IncomingCall incoming = new IncomingCall(method, peer, method.decodeArguments(call.params(), peer),
					securityInfo);
			Object result = invokeListeners(method, incoming);
			if (result instanceof CompletionStage<?> stage && call.isRequest()) {
				stage.whenComplete((value, failure) -> {
					if (failure != null) {
						replyError(peer, call, unwrap(failure), batch);
					}
					else {
						reply(peer, call, value, batch);
					}
					ended(call, (failure != null) ? CallObserver.Outcome.ERROR : CallObserver.Outcome.SUCCESS, start);
				});
				return;
			}
			if (call.isRequest()) {
				reply(peer, call, result, batch);
			}
			ended(call, CallObserver.Outcome.SUCCESS, start);
		}
		catch (Exception ex) {
			replyError(peer, call, ex, batch);
			ended(call, CallObserver.Outcome.ERROR, start);
		}
	}

	private void ended(Message.Call call, CallObserver.Outcome outcome, long start) {
		this.reporter.ended(call.method(), true, outcome, start);
	}

	private @Nullable Object invokeListeners(MethodModel method, IncomingCall call) throws Exception {
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
			Object value = listener.onCall(call);
			if (value != null && method.hasReply()) {
				result = value;
				replies++;
			}
		}
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

	private void reply(String peer, Message.Call call, @Nullable Object value, @Nullable BatchReplies batch) {
		RequestId id = requestId(call);
		Message.Reply reply;
		try {
			reply = new Message.Reply(id, (value != null) ? this.mapper.valueToTree(value)
					: JsonNodeFactory.instance.nullNode());
		}
		catch (RuntimeException ex) {
			replyError(peer, call, new RpcException("The reply to " + call.method() + " could not be encoded: "
					+ ex.getMessage(), ex), batch);
			return;
		}
		answer(peer, batch, reply);
	}

	private void replyError(String peer, Message.Call call, Throwable failure, @Nullable BatchReplies batch) {
		RequestId id = call.id();
		if (id == null || !(failure instanceof RemoteException)) {
			this.errors.onError(peer, failure);
		}
		if (id == null) {
			return;
		}
		if (failure instanceof RemoteException remote) {
			answer(peer, batch, new Message.ErrorReply(id, remote.code(), remote.remoteMessage(), remote.data()));
		}
		else {
			String message = (failure.getMessage() != null) ? failure.getMessage() : failure.getClass().getSimpleName();
			ObjectNode data = JsonNodeFactory.instance.objectNode().put("type", failure.getClass().getName());
			if (this.sendStackTraces) {
				StringWriter trace = new StringWriter();
				failure.printStackTrace(new PrintWriter(trace));
				data.put("stackTrace", trace.toString());
			}
			answer(peer, batch, new Message.ErrorReply(id, RemoteException.SERVER_ERROR, message, data));
		}
	}

	private static RequestId requestId(Message.Call call) {
		RequestId id = call.id();
		if (id == null) {
			throw new IllegalStateException("a notification of " + call.method() + " has no reply");
		}
		return id;
	}

	/**
	 * Reports a message that cannot be handled and answers it with an error reply, unless
	 * {@code replyTo} is {@code null}.
	 */
	private void reject(String peer, @Nullable BatchReplies batch, @Nullable RequestId replyTo, int code,
			Exception problem) {
		this.errors.onError(peer, problem);
		if (replyTo != null) {
			String message = (problem instanceof RemoteException remote) ? remote.remoteMessage() : problem.getMessage();
			answer(peer, batch, new Message.ErrorReply(replyTo, code, String.valueOf(message), null));
		}
	}

	/** Sends a reply, or adds it to the reply of the batch its request came in. */
	private void answer(String peer, @Nullable BatchReplies batch, Message reply) {
		if (batch != null) {
			batch.add(reply);
		}
		else {
			send(peer, reply);
		}
	}

	private void send(String peer, Message message) {
		try {
			this.outbox.send(message, List.of(peer));
		}
		catch (TransportException ex) {
			this.errors.onError(peer, ex);
		}
	}

	private static Throwable unwrap(Throwable failure) {
		Throwable current = failure;
		while ((current instanceof java.util.concurrent.CompletionException
				|| current instanceof java.util.concurrent.ExecutionException) && current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	/** What one received buffer decodes to, and the handlers to start once it is decoded. */
	private final class Decoding implements Codec.Sink {

		private final String peer;

		private @Nullable LimitedExecutor queuedOn;

		Decoding(String peer) {
			this.peer = peer;
		}

		@Override
		public void message(Message message, Map<String, String> securityInfo, ByteBuffer payload) {
			LimitedExecutor executor = accept(this.peer, message, securityInfo, payload);
			if (executor != null) {
				this.queuedOn = executor;
			}
		}

		@Override
		public void invalid(InvalidMessageException problem) {
			IncomingDispatcher.this.statistics.invalidMessage();
			reject(this.peer, null, problem.replyTo(), problem.code(), problem);
		}

		void startHandlers() {
			LimitedExecutor executor = this.queuedOn;
			if (executor == null) {
				return;
			}
			try {
				executor.startQueued();
			}
			catch (RejectedExecutionException ex) {
				// the calls stay queued, and start with the next ones if the executor accepts them then
				IncomingDispatcher.this.errors.onError(this.peer, new RpcException("The handler executor refused to "
						+ "run received calls (" + ex.getMessage() + "); they run when it accepts the next ones, or "
						+ "not at all if the endpoint is stopping", ex));
			}
		}

	}

}
