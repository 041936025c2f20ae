package io.quickrpc.codec;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What one frame carries, as codecs read and write it: a call, a reply, an error reply, or a
 * batch of those. Their JSON values are {@link Value}s: written straight into the codec's
 * generator when sent, and read by the {@link ValueReader}s a {@link Codec.Sink} chooses when
 * received.
 */
public sealed interface Message permits Message.Call, Message.Reply, Message.ErrorReply, Message.Batch {

	/**
	 * A call of a method: a request when it has an id, else a notification.
	 * @param method the method name
	 * @param params the arguments: a JSON object of named ones, or an array of positional ones
	 * @param id the request id, or {@code null} for a notification
	 * @param headers the call's context beside its arguments, such as a W3C {@code traceparent};
	 * the {@code jrpc} codec carries them in a top-level {@code "meta"} member, which the Python
	 * original ignores, and the {@code terse} codec drops them
	 */
	record Call(String method, Value params, @Nullable RequestId id, Map<String, String> headers) implements Message {

		/**
		 * Copies the headers.
		 * @param method the method name
		 * @param params the arguments
		 * @param id the request id, or {@code null}
		 * @param headers the headers, none if empty
		 */
		public Call {
			headers = headers.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
		}

		/**
		 * Returns a call without headers.
		 * @param method the method name
		 * @param params the arguments, an object or an array
		 * @param id the request id, or {@code null} for a notification
		 */
		public Call(String method, Value params, @Nullable RequestId id) {
			this(method, params, id, Map.of());
		}

		/**
		 * Returns a call that expects no reply.
		 * @param method the method name
		 * @param params the arguments, an object or an array
		 * @return the notification
		 */
		public static Call notification(String method, Value params) {
			return new Call(method, params, null);
		}

		/**
		 * Returns whether the caller waits for a reply.
		 * @return whether this call is a request
		 */
		public boolean isRequest() {
			return this.id != null;
		}

	}

	/**
	 * The successful reply to a request.
	 * @param id the id of the request
	 * @param result the result; JSON {@code null} for none
	 */
	record Reply(RequestId id, Value result) implements Message {
	}

	/**
	 * The error reply to a request.
	 * @param id the id of the request; {@linkplain RequestId#nullId() null} if the request's id
	 * could not be read
	 * @param code the JSON-RPC error code
	 * @param message the error message
	 * @param data additional data, or {@code null}
	 */
	record ErrorReply(RequestId id, int code, String message, @Nullable Value data) implements Message {
	}

	/**
	 * Several messages in one frame: a JSON-RPC batch. A received batch of calls is answered with
	 * one batch of the replies to its requests.
	 * @param messages the messages that were read or are to be written, in order
	 * @param problems the entries of a received batch that could not be read; each is answered
	 * within the reply batch where {@link InvalidMessageException#replyTo()} allows. Empty in a
	 * batch to be written
	 */
	record Batch(List<Message> messages, List<InvalidMessageException> problems) implements Message {

		/**
		 * Copies the lists.
		 * @param messages the messages
		 * @param problems the entries that could not be read
		 */
		public Batch {
			messages = List.copyOf(messages);
			problems = List.copyOf(problems);
		}

		/**
		 * Returns a batch to be written.
		 * @param messages the messages, none of them a batch
		 */
		public Batch(List<Message> messages) {
			this(messages, List.of());
		}

	}

}
