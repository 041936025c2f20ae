package io.quickrpc.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import io.quickrpc.RemoteException;
import io.quickrpc.security.Security;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * JSON-RPC 2.0, one object per frame, frames separated by a delimiter.
 */
final class JsonRpcCodec implements Codec {

	// buffers recycled per thread: the default pool, a concurrent deque shared by all threads,
	// costs more than the parsing of a small message when event loops and callers contend on it.
	// Duplicate keys are detected while the tree is built, which costs less than Jackson's
	// detection (a hash set per object) and lets a request with one still be answered by id.
	private static final JsonFactory JSON = JsonFactory.builder()
		.enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
		.recyclerPool(ThreadBuffers.INSTANCE)
		.rootValueSeparator((String) null)
		.build();

	private final byte[] delimiter;

	JsonRpcCodec(byte[] delimiter) {
		this.delimiter = delimiter.clone();
	}

	@Override
	public byte[] encode(Message message, Security security) {
		PayloadWriter out = PayloadWriter.start(JSON);
		boolean failed = true;
		try {
			writeMessage(out.generator(), message);
			out.finish();
			Map<String, String> securityInfo = security.sign(out.array(), 0, out.size());
			byte[] encoded = securityInfo.isEmpty() ? out.toByteArray(this.delimiter) : withHeader(securityInfo, out);
			failed = false;
			return encoded;
		}
		finally {
			out.release(failed);
		}
	}

	private byte[] withHeader(Map<String, String> securityInfo, PayloadWriter payload) {
		PayloadWriter.Buffer framed = new PayloadWriter.Buffer();
		try (JsonGenerator generator = JSON.createGenerator(ObjectWriteContext.empty(), framed)) {
			writeHeader(generator, securityInfo);
		}
		framed.writeBytes(this.delimiter);
		framed.write(payload.array(), 0, payload.size());
		framed.writeBytes(this.delimiter);
		return framed.toByteArray();
	}

	private static void writeMessage(JsonGenerator generator, Message message) {
		generator.writeStartObject();
		generator.writeStringProperty("jsonrpc", "2.0");
		if (message instanceof Message.Call call) {
			generator.writeStringProperty("method", call.method());
			generator.writeName("params");
			JsonValues.write(generator, call.params());
		}
		else if (message instanceof Message.Reply reply) {
			generator.writeName("result");
			JsonValues.write(generator, reply.result());
		}
		else if (message instanceof Message.ErrorReply error) {
			generator.writeName("error");
			generator.writeStartObject();
			generator.writeNumberProperty("code", error.code());
			generator.writeStringProperty("message", error.message());
			JsonNode data = error.data();
			if (data != null) {
				generator.writeName("data");
				JsonValues.write(generator, data);
			}
			generator.writeEndObject();
		}
		if (message.id() != 0) {
			generator.writeNumberProperty("id", message.id());
		}
		generator.writeEndObject();
	}

	private static void writeHeader(JsonGenerator generator, Map<String, String> securityInfo) {
		generator.writeStartObject();
		generator.writeStringProperty("jsonrpc", "2.0");
		generator.writeStringProperty("method", SecurityHeaders.METHOD);
		generator.writeName("params");
		generator.writeStartObject();
		for (Map.Entry<String, String> entry : securityInfo.entrySet()) {
			generator.writeStringProperty(entry.getKey(), entry.getValue());
		}
		generator.writeEndObject();
		generator.writeEndObject();
	}

	@Override
	public void decode(ByteBuffer in, Sink sink) {
		SecurityHeaders headers = new SecurityHeaders(sink);
		int frameStart = in.position();
		int end;
		while ((end = indexOfDelimiter(in, frameStart)) >= 0) {
			if (!isBlank(in, frameStart, end)) {
				ByteBuffer payload = in.duplicate().position(frameStart).limit(end).slice();
				Object decoded = decodeFrame(payload);
				if (decoded instanceof Message.Call call && SecurityHeaders.isHeader(call)) {
					headers.header(call.params(), frameStart);
				}
				else {
					headers.deliver(decoded, payload);
				}
			}
			frameStart = end + this.delimiter.length;
		}
		in.position(headers.resumeAt(frameStart));
	}

	private int indexOfDelimiter(ByteBuffer in, int from) {
		byte first = this.delimiter[0];
		int last = in.limit() - this.delimiter.length;
		if (in.hasArray() && this.delimiter.length == 1) {
			// the common case, scanned in the array: several times faster than ByteBuffer.get(i)
			byte[] array = in.array();
			int offset = in.arrayOffset();
			for (int i = from + offset, end = last + offset; i <= end; i++) {
				if (array[i] == first) {
					return i - offset;
				}
			}
			return -1;
		}
		outer: for (int i = from; i <= last; i++) {
			if (in.get(i) != first) {
				continue;
			}
			for (int j = 1; j < this.delimiter.length; j++) {
				if (in.get(i + j) != this.delimiter[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	private static boolean isBlank(ByteBuffer in, int from, int to) {
		for (int i = from; i < to; i++) {
			byte b = in.get(i);
			if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
				return false;
			}
		}
		return true;
	}

	/** Returns a {@link Message} or an {@link InvalidMessageException}. */
	private static Object decodeFrame(ByteBuffer frame) {
		Envelope envelope = new Envelope();
		try (JsonParser parser = createParser(frame)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				// read the value to its end first: what is not JSON at all is a parse error
				parser.skipChildren();
				parser.finishToken();
				if (parser.nextToken() != null) {
					return new InvalidMessageException(RemoteException.PARSE_ERROR, 0,
							"unexpected data after the JSON value in " + excerpt(frame));
				}
				return new InvalidMessageException(RemoteException.INVALID_REQUEST, 0,
						"expected a JSON object, got " + excerpt(frame));
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				parser.nextToken();
				envelope.read(name, parser);
			}
			if (parser.nextToken() != null) {
				return new InvalidMessageException(RemoteException.PARSE_ERROR, envelope.answerableId(),
						"unexpected data after the JSON object in " + excerpt(frame));
			}
		}
		catch (JacksonException ex) {
			return new InvalidMessageException(RemoteException.PARSE_ERROR, envelope.answerableId(),
					"invalid JSON (" + ex.getOriginalMessage() + ") in " + excerpt(frame));
		}
		catch (NumberFormatException ex) {
			// Jackson accepts a number such as 1e99999999999 as a token, but no BigDecimal can hold it
			return new InvalidMessageException(RemoteException.PARSE_ERROR, envelope.answerableId(),
					"unreadable number (" + ex.getMessage() + ") in " + excerpt(frame));
		}
		return envelope.toMessage(frame);
	}

	private static JsonParser createParser(ByteBuffer frame) {
		if (frame.hasArray()) {
			return JSON.createParser(ObjectReadContext.empty(), frame.array(), frame.arrayOffset() + frame.position(),
					frame.remaining());
		}
		byte[] copy = new byte[frame.remaining()];
		frame.duplicate().get(copy);
		return JSON.createParser(ObjectReadContext.empty(), copy);
	}

	static String excerpt(ByteBuffer frame) {
		int length = Math.min(frame.remaining(), 80);
		byte[] bytes = new byte[length];
		frame.duplicate().get(bytes);
		String text = new String(bytes, StandardCharsets.UTF_8);
		return "'" + text + ((frame.remaining() > length) ? "...' (" + frame.remaining() + " bytes)" : "'");
	}

	@Override
	public String toString() {
		return "jrpc" + (this.delimiter.length == 1 && this.delimiter[0] == 0 ? ""
				: ":" + escape(this.delimiter));
	}

	private static String escape(byte[] bytes) {
		StringBuilder text = new StringBuilder();
		for (byte b : bytes) {
			text.append(switch (b) {
				case 0 -> "\\0";
				case '\n' -> "\\n";
				case '\r' -> "\\r";
				case '\t' -> "\\t";
				default -> String.format("\\x%02x", b);
			});
		}
		return text.toString();
	}

	/** The members of one JSON-RPC object, collected in any order. */
	private static final class Envelope implements Consumer<String> {

		private @Nullable JsonNode method;

		private @Nullable JsonNode params;

		private @Nullable JsonNode id;

		private @Nullable JsonNode result;

		private @Nullable JsonNode error;

		private @Nullable String problem;

		private @Nullable String duplicate;

		private boolean reply;

		/** The members read so far, one bit each, to find one that occurs twice. */
		private int seen;

		private String member = "";

		void read(String name, JsonParser parser) {
			this.member = name;
			if (name.equals("result") || name.equals("error")) {
				// before the value, which may be malformed: a bad reply is never answered
				this.reply = true;
			}
			JsonNode value = JsonValues.read(parser, this);
			int bit = switch (name) {
				case "jsonrpc" -> 1;
				case "method" -> {
					this.method = value;
					yield 2;
				}
				case "params" -> {
					this.params = value;
					yield 4;
				}
				case "id" -> {
					this.id = value;
					yield 8;
				}
				case "result" -> {
					this.result = value;
					yield 16;
				}
				case "error" -> {
					this.error = value;
					yield 32;
				}
				default -> 0; // extensions are ignored
			};
			if ((this.seen & bit) != 0 && this.duplicate == null) {
				this.duplicate = name;
			}
			this.seen |= bit;
		}

		/** A problem in the value of the member being read. */
		@Override
		public void accept(String problem) {
			if (this.problem == null) {
				this.problem = "member '" + this.member + "': " + problem;
			}
		}

		/** The id if it is a valid request id, for error replies; else 0. */
		long requestId() {
			JsonNode node = this.id;
			return (node != null && node.isIntegralNumber() && node.canConvertToLong() && node.longValue() > 0)
					? node.longValue() : 0;
		}

		/** The id to answer a bad frame with: never a reply's, whose id names a request of this side. */
		long answerableId() {
			return (this.reply && this.method == null) ? 0 : requestId();
		}

		Object toMessage(ByteBuffer frame) {
			long id = requestId();
			if (this.id != null && !this.id.isNull() && id == 0 && !isZero(this.id)) {
				return invalid(RemoteException.INVALID_REQUEST, 0, "'id' must be a positive integer, not " + this.id, frame);
			}
			if (this.duplicate != null) {
				return invalid(RemoteException.INVALID_REQUEST, answerableId(), "member '" + this.duplicate
						+ "' occurs more than once", frame);
			}
			if (this.problem != null) {
				return invalid(RemoteException.INVALID_PARAMS, answerableId(), this.problem, frame);
			}
			if (this.method != null) {
				return toCall(id, frame);
			}
			if (this.error != null) {
				return toError(id, frame);
			}
			if (this.result != null) {
				if (id == 0) {
					return invalid(RemoteException.INVALID_REQUEST, 0, "a reply without an 'id'", frame);
				}
				return new Message.Reply(id, this.result);
			}
			return invalid(RemoteException.INVALID_REQUEST, id, "neither 'method', 'result' nor 'error' given", frame);
		}

		private Object toCall(long id, ByteBuffer frame) {
			JsonNode method = this.method;
			if (method == null || !method.isString() || method.stringValue().isEmpty()) {
				return invalid(RemoteException.INVALID_REQUEST, id, "'method' must be a non-empty string", frame);
			}
			JsonNode params = (this.params != null) ? this.params : JsonNodeFactory.instance.objectNode();
			if (!params.isObject() && !params.isArray()) {
				return invalid(RemoteException.INVALID_PARAMS, id, "'params' must be an object or an array, not "
						+ params.getNodeType(), frame);
			}
			if (SecurityHeaders.METHOD.equals(method.stringValue()) && id == 0 && !params.isObject()) {
				return invalid(RemoteException.INVALID_REQUEST, 0, "security header params must be an object", frame);
			}
			return new Message.Call(method.stringValue(), params, id);
		}

		private Object toError(long id, ByteBuffer frame) {
			JsonNode error = this.error;
			if (error == null || !error.isObject()) {
				return invalid(RemoteException.INVALID_REQUEST, 0, "'error' must be an object", frame);
			}
			JsonNode code = error.get("code");
			JsonNode message = error.get("message");
			int codeValue = (code != null && code.isIntegralNumber() && code.canConvertToInt()) ? code.intValue()
					: RemoteException.UNSPECIFIED;
			String text = (message == null || message.isNull()) ? ""
					: message.isString() ? message.stringValue() : message.toString();
			if (id == 0) {
				return invalid(RemoteException.INVALID_REQUEST, 0,
						"the peer sent an error without an id (code " + codeValue + ": " + text + ")", frame);
			}
			JsonNode data = error.get("data");
			return new Message.ErrorReply(id, codeValue, text, (data == null || data.isNull()) ? null : data);
		}

		private static boolean isZero(JsonNode node) {
			return node.isIntegralNumber() && node.canConvertToLong() && node.longValue() == 0;
		}

		private static InvalidMessageException invalid(int code, long id, String reason, ByteBuffer frame) {
			return new InvalidMessageException(code, id, reason + " in " + excerpt(frame));
		}

	}

}
