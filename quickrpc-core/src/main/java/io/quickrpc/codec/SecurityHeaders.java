package io.quickrpc.codec;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.quickrpc.RemoteException;
import tools.jackson.databind.JsonNode;

/**
 * Pairs each {@code rpc.secinfo} header with the message after it, while a codec decodes one
 * buffer; a header whose message has not arrived yet stays in the remainder.
 */
final class SecurityHeaders {

	static final String METHOD = "rpc.secinfo";

	private final Codec.Sink sink;

	private @Nullable Map<String, String> header;

	private int headerStart = -1;

	SecurityHeaders(Codec.Sink sink) {
		this.sink = sink;
	}

	static boolean isHeader(Message.Call call) {
		return !call.isRequest() && METHOD.equals(call.method()) && call.params().isObject();
	}

	/** Holds a header, found at {@code start}, for the message that follows. */
	void header(JsonNode params, int start) {
		if (this.header != null) {
			this.sink.invalid(new InvalidMessageException(RemoteException.INVALID_REQUEST, null,
					"a security header was followed by another security header instead of a message"));
		}
		Map<String, String> info = new HashMap<>();
		for (Map.Entry<String, JsonNode> entry : params.properties()) {
			JsonNode value = entry.getValue();
			info.put(entry.getKey(), value.isString() ? value.stringValue() : value.toString());
		}
		this.header = Map.copyOf(info);
		this.headerStart = start;
	}

	/** Hands a decoded message, or the report of a bad frame, to the sink with the pending header. */
	void deliver(Object decoded, ByteBuffer payload) {
		if (decoded instanceof Message message) {
			this.sink.message(message, (this.header != null) ? this.header : Map.of(), payload);
		}
		else {
			this.sink.invalid((InvalidMessageException) decoded);
		}
		this.header = null;
		this.headerStart = -1;
	}

	/** Where decoding must resume: at a header still waiting for its message, else at {@code end}. */
	int resumeAt(int end) {
		return (this.headerStart >= 0) ? this.headerStart : end;
	}

}
