package io.quickrpc;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import org.jspecify.annotations.Nullable;

import io.quickrpc.codec.Message;
import io.quickrpc.codec.RequestId;
import io.quickrpc.transport.TransportException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Answers requests: turns a handler's result into a reply and a failure into an error reply
 * (with the stack trace only where configured), and sends each to its peer, or into the reply of
 * the batch its request came in. Failures that nobody is answered about are reported to the
 * error listener.
 */
final class Replies {

	private final Outbox outbox;

	private final ErrorListener errors;

	private final JsonMapper mapper;

	private final boolean sendStackTraces;

	Replies(Outbox outbox, ErrorListener errors, JsonMapper mapper, boolean sendStackTraces) {
		this.outbox = outbox;
		this.errors = errors;
		this.mapper = mapper;
		this.sendStackTraces = sendStackTraces;
	}

	/** Answers a request with its result; a result that cannot be encoded is answered as an error. */
	void reply(String peer, Message.Call call, @Nullable Object value, @Nullable BatchReplies batch) {
		RequestId id = call.id();
		if (id == null) {
			return;
		}
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

	/**
	 * Answers a request whose handler failed. A {@link RemoteException} is the handler's answer;
	 * any other failure is also reported, and so is every failure of a notification.
	 */
	void replyError(String peer, Message.Call call, Throwable failure, @Nullable BatchReplies batch) {
		RequestId id = call.id();
		if (id == null || !(failure instanceof RemoteException)) {
			this.errors.onError(peer, failure);
		}
		if (id == null) {
			return;
		}
		if (failure instanceof RemoteException remote) {
			answer(peer, batch, new Message.ErrorReply(id, remote.code(), remote.remoteMessage(), remote.data()));
			return;
		}
		String message = (failure.getMessage() != null) ? failure.getMessage() : failure.getClass().getSimpleName();
		ObjectNode data = JsonNodeFactory.instance.objectNode().put("type", failure.getClass().getName());
		if (this.sendStackTraces) {
			StringWriter trace = new StringWriter();
			failure.printStackTrace(new PrintWriter(trace));
			data.put("stackTrace", trace.toString());
		}
		answer(peer, batch, new Message.ErrorReply(id, RemoteException.SERVER_ERROR, message, data));
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

	/** Gathers the replies to the requests of a received batch, to send them as one. */
	BatchReplies batch(String peer, int awaited) {
		return new BatchReplies(awaited, (all) -> send(peer, all));
	}

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

}
