package io.quickrpc.codec;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One JSON-RPC message, as codecs read and write it. Values are Jackson trees; {@code byte[]}
 * values are {@link tools.jackson.databind.node.BinaryNode}s, which each codec writes in its own
 * form.
 */
public sealed interface Message permits Message.Call, Message.Reply, Message.ErrorReply {

	/**
	 * Returns the message id: non-zero for a request and its reply, {@code 0} for a notification.
	 * @return the id
	 */
	long id();

	/**
	 * A call of a method: a request when {@link #id()} is non-zero, else a notification.
	 * @param method the method name
	 * @param params named arguments ({@link ObjectNode}) or positional ones ({@link ArrayNode})
	 * @param id the request id, or {@code 0} for a notification
	 */
	record Call(String method, JsonNode params, long id) implements Message {

		/**
		 * Checks the parameters.
		 * @param method the method name
		 * @param params object or array
		 * @param id the id, zero or positive
		 */
		public Call {
			if (!params.isObject() && !params.isArray()) {
				throw new IllegalArgumentException("params must be a JSON object or array, not " + params);
			}
			if (id < 0) {
				throw new IllegalArgumentException("id must be 0 (notification) or positive, not " + id);
			}
		}

		/**
		 * Returns whether the caller waits for a reply.
		 * @return whether this call is a request
		 */
		public boolean isRequest() {
			return this.id != 0;
		}

	}

	/**
	 * The successful reply to a request.
	 * @param id the id of the request
	 * @param result the result, {@code NullNode} for none
	 */
	record Reply(long id, JsonNode result) implements Message {
	}

	/**
	 * The error reply to a request.
	 * @param id the id of the request
	 * @param code the JSON-RPC error code
	 * @param message the error message
	 * @param data additional data, or {@code null}
	 */
	record ErrorReply(long id, int code, String message, @Nullable JsonNode data) implements Message {
	}

}
