package io.quickrpc.codec;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * The security header of the jrpc and terse codecs: an {@code rpc.secinfo} notification whose
 * params are the security information of the frame that follows; {@link StreamDecoder} pairs the
 * two.
 */
final class SecurityHeaders {

	static final String METHOD = "rpc.secinfo";

	/** Reads a header's params, an object, into its entries; a value that is not a string keeps its JSON text. */
	static final ValueReader READER = SecurityHeaders::read;

	private SecurityHeaders() {
	}

	/** Hands what a frame decoded to to the sink: a security header, a message, or the report of a bad frame. */
	static void deliver(Object decoded, ByteBuffer payload, Codec.Sink sink) {
		if (decoded instanceof Message.Call call && isHeader(call)) {
			sink.header(((Header) call.params()).entries());
		}
		else if (decoded instanceof Message message) {
			sink.message(message, payload);
		}
		else {
			sink.invalid((InvalidMessageException) decoded);
		}
	}

	static boolean isHeader(Message.Call call) {
		return !call.isRequest() && METHOD.equals(call.method()) && call.params() instanceof Header;
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
