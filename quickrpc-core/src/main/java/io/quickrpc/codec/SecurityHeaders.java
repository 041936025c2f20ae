package io.quickrpc.codec;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.quickrpc.RemoteException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Pairs each {@code rpc.secinfo} header with the message after it, while a codec decodes one
 * buffer; a header whose message has not arrived yet stays in the remainder.
 */
final class SecurityHeaders {

	static final String METHOD = "rpc.secinfo";

	/** Reads a header's params, an object, into its entries; a value that is not a string keeps its JSON text. */
	static final ValueReader READER = SecurityHeaders::read;

	private final Codec.Sink sink;

	private @Nullable Map<String, String> header;

	private int headerStart = -1;

	SecurityHeaders(Codec.Sink sink) {
		this.sink = sink;
	}

	static boolean isHeader(Message.Call call) {
		return !call.isRequest() && METHOD.equals(call.method()) && call.params() instanceof Header;
	}

	/** Holds a header, found at {@code start}, for the message that follows. */
	void header(Message.Call call, int start) {
		if (this.header != null) {
			this.sink.invalid(new InvalidMessageException(RemoteException.INVALID_REQUEST, null,
					"a security header was followed by another security header instead of a message"));
		}
		this.header = ((Header) call.params()).entries();
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

	private static Value read(JsonParser parser) {
		Map<String, String> entries = new LinkedHashMap<>();
		if (parser.currentToken() != JsonToken.START_OBJECT) {
			parser.skipChildren();
			return new Header(Map.of());
		}
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			JsonToken token = parser.nextToken();
			entries.put(name, (token == JsonToken.VALUE_STRING) ? parser.getString() : text(parser));
		}
		return new Header(Map.copyOf(entries));
	}

	private static String text(JsonParser parser) {
		return JsonValues.read(parser, (problem) -> {
		}).toString();
	}

	/** The entries of a security header. */
	record Header(Map<String, String> entries) implements Value {

		@Override
		public void writeTo(JsonGenerator generator) {
			generator.writeStartObject();
			this.entries.forEach(generator::writeStringProperty);
			generator.writeEndObject();
		}

	}

}
