package io.quickrpc;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.quickrpc.codec.Message;
import io.quickrpc.codec.RequestId;
import io.quickrpc.codec.Value;
import io.quickrpc.transport.TransportException;
import tools.jackson.databind.util.TokenBuffer;

/**
 * Answers requests: turns a handler's result into a reply and a failure into an error reply
 * (with the stack trace only where configured), and sends each to its peer, or into the reply of
 * the batch its request came in. Failures that nobody is answered about are reported to the
 * error listener.
 */
final class Replies {

	private static final Logger logger = LoggerFactory.getLogger(RpcEndpoint.class);

	private final String endpoint;

	private final Outbox outbox;

	private final ErrorListener errors;

	private final ErrorData errorData;

	private final boolean sendStackTraces;

	Replies(String endpoint, Outbox outbox, ErrorListener errors, ErrorData errorData, boolean sendStackTraces) {
		this.endpoint = endpoint;
		this.outbox = outbox;
		this.errors = errors;
		this.errorData = errorData;
		this.sendStackTraces = sendStackTraces;
	}

	/** Answers a request with its result; a result that cannot be encoded is answered as an error. */
	void reply(String peer, Message.Call call, MethodModel method, @Nullable Object value,
			@Nullable BatchReplies batch) {
		RequestId id = call.id();
		if (id == null) {
			return;
		}
		Value result = method.binding.result(value);
		try {
			if (batch != null) {
				// written now, so that a value that cannot be encoded fails its own reply, not the batch's
				TokenBuffer written = TokenBuffer.forGeneration();
				result.writeTo(written);
				batch.add(new Message.Reply(id, written::serialize));
			}
			else {
				send(peer, new Message.Reply(id, result));
			}
		}
		catch (TransportException ex) {
			this.errors.onError(peer, ex);
		}
		catch (RuntimeException ex) {
			replyError(peer, call, new RpcException("The reply to " + call.method() + " could not be encoded: "
					+ ex.getMessage(), ex), batch);
		}
	}

	/**
	 * Answers a request whose handler failed. A {@link RemoteException} is the handler's answer;
	 * any other failure is also reported, and so is every failure of a notification.
	 * @return the error code of the reply, also when a notification is not answered
	 */
	int replyError(String peer, Message.Call call, Throwable failure, @Nullable BatchReplies batch) {
		RequestId id = call.id();
		if (id == null || !(failure instanceof RemoteException)) {
			this.errors.onError(peer, failure);
		}
		int code = (failure instanceof RemoteException remote) ? remote.code() : RemoteException.SERVER_ERROR;
		if (id == null) {
			return code;
		}
		if (failure instanceof RemoteException remote) {
			Object data = remote.data();
			answer(peer, batch, new Message.ErrorReply(id, code, remote.remoteMessage(),
					(data != null) ? this.errorData.of(data) : null));
			return code;
		}
		String message = (failure.getMessage() != null) ? failure.getMessage() : failure.getClass().getSimpleName();
		Map<String, String> data = new LinkedHashMap<>();
		data.put("type", failure.getClass().getName());
		if (this.sendStackTraces) {
			StringWriter trace = new StringWriter();
			failure.printStackTrace(new PrintWriter(trace));
			data.put("stackTrace", trace.toString());
		}
		answer(peer, batch, new Message.ErrorReply(id, code, message, this.errorData.of(data)));
		return code;
	}

	/**
	 * Answers a call whose handler's exception was mapped to an error reply. An expected outcome
	 * is logged at DEBUG; a failure is reported.
	 * @return the error code of the reply, also when a notification is not answered
	 */
	int replyMapped(String peer, Message.Call call, Throwable failure, MappedError mapped,
			@Nullable BatchReplies batch) {
		RemoteException reply = mapped.reply();
		if (mapped.isFailure()) {
			this.errors.onError(peer, failure);
		}
		else if (logger.isDebugEnabled()) {
			logger.debug("Endpoint '{}', call of '{}' from '{}' answered with error {}: {} ({})", this.endpoint,
					call.method(), peer, reply.code(), reply.remoteMessage(), failure.toString());
		}
		RequestId id = call.id();
		if (id != null) {
			Object data = reply.data();
			answer(peer, batch, new Message.ErrorReply(id, reply.code(), reply.remoteMessage(),
					(data != null) ? this.errorData.of(data) : null));
		}
		return reply.code();
	}

	/**
	 * Reports a message that cannot be handled and answers it with an error reply, unless
	 * {@code replyTo} is {@code null}.
	 */
	void reject(String peer, @Nullable BatchReplies batch, @Nullable RequestId replyTo, int code, Exception problem) {
		this.errors.onError(peer, problem);
		if (replyTo != null) {
			String message = (problem instanceof RemoteException remote) ? remote.remoteMessage() : problem.getMessage();
			answer(peer, batch, new Message.ErrorReply(replyTo, code, String.valueOf(message), null));
		}
	}

	/** Answers a request that cannot be handled with an error reply, without reporting it. */
	void refuse(String peer, @Nullable BatchReplies batch, RequestId replyTo, int code, String message) {
		answer(peer, batch, new Message.ErrorReply(replyTo, code, message, null));
	}

	/** Gathers the replies to the requests of a received batch, to send them as one. */
	BatchReplies batch(String peer, int awaited) {
		return new BatchReplies(awaited, (all) -> {
			try {
				send(peer, all);
			}
			catch (TransportException ex) {
				this.errors.onError(peer, ex);
			}
		});
	}

	private void answer(String peer, @Nullable BatchReplies batch, Message reply) {
		try {
			if (batch != null) {
				batch.add(reply);
			}
			else {
				send(peer, reply);
			}
		}
		catch (TransportException ex) {
			this.errors.onError(peer, ex);
		}
	}

	private void send(String peer, Message message) {
		this.outbox.send(message, List.of(peer));
	}

}
