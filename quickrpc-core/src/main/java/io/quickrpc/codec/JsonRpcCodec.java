package io.quickrpc.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
		if (message instanceof Message.Batch batch) {
			generator.writeStartArray();
			for (Message entry : batch.messages()) {
				writeMessage(generator, entry);
			}
			generator.writeEndArray();
			return;
		}
		generator.writeStartObject();
		generator.writeStringProperty("jsonrpc", "2.0");
		RequestId id;
		if (message instanceof Message.Call call) {
			generator.writeStringProperty("method", call.method());
			generator.writeName("params");
			JsonValues.write(generator, call.params());
			id = call.id();
		}
		else if (message instanceof Message.Reply reply) {
			generator.writeName("result");
			JsonValues.write(generator, reply.result());
			id = reply.id();
		}
		else {
			Message.ErrorReply error = (Message.ErrorReply) message;
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
			id = error.id();
		}
		if (id != null) {
			generator.writeName("id");
			id.write(generator);
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

	/**
	 * Returns a {@link Message} or an {@link InvalidMessageException}. A frame that cannot be
	 * read is answered with the null id, as JSON-RPC 2.0 says, unless it was recognised as a
	 * reply: replies are never answered.
	 */
	private static Object decodeFrame(ByteBuffer frame) {
		Frame read = new Frame(frame);
		try (JsonParser parser = createParser(frame)) {
			JsonToken first = parser.nextToken();
			Object decoded;
			if (first == JsonToken.START_OBJECT) {
				decoded = read.object(parser);
			}
			else if (first == JsonToken.START_ARRAY) {
				decoded = read.batch(parser);
			}
			else {
				// read the value to its end first: what is not JSON at all is a parse error
				parser.skipChildren();
				parser.finishToken();
				decoded = null;
			}
			if (parser.nextToken() != null) {
				return new InvalidMessageException(RemoteException.PARSE_ERROR, read.replyTo(),
						"unexpected data after the JSON value in " + excerpt(frame));
			}
			return (decoded != null) ? decoded : new InvalidMessageException(RemoteException.INVALID_REQUEST,
					RequestId.nullId(), "expected a JSON object or a batch (an array of objects), got " + excerpt(frame));
		}
		catch (JacksonException ex) {
			return new InvalidMessageException(RemoteException.PARSE_ERROR, read.replyTo(),
					"invalid JSON (" + ex.getOriginalMessage() + ") in " + excerpt(frame));
		}
		catch (NumberFormatException ex) {
			// Jackson accepts a number such as 1e99999999999 as a token, but no BigDecimal can hold it
			return new InvalidMessageException(RemoteException.PARSE_ERROR, read.replyTo(),
					"unreadable number (" + ex.getMessage() + ") in " + excerpt(frame));
		}
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

	/** What one frame holds: one JSON-RPC object, or a batch of them. */
	private static final class Frame {

		private final ByteBuffer bytes;

		/** Whether a reply was read: a frame holding one is never answered, lest peers answer each other forever. */
		private boolean replies;

		/** The object being read. */
		private @Nullable Envelope current;

		private boolean batch;

		Frame(ByteBuffer bytes) {
			this.bytes = bytes;
		}

		/** Reads the object whose start is the current token. */
		Object object(JsonParser parser) {
			return read(parser, "").toMessage();
		}

		/** Reads the array whose start is the current token: a batch. */
		Object batch(JsonParser parser) {
			this.batch = true;
			List<Message> messages = new ArrayList<>();
			List<InvalidMessageException> problems = new ArrayList<>();
			int entries = 0;
			while (parser.nextToken() != JsonToken.END_ARRAY) {
				entries++;
				String where = "batch entry " + entries + ": ";
				if (parser.currentToken() == JsonToken.START_OBJECT) {
					Object entry = read(parser, where).toMessage();
					if (entry instanceof Message message) {
						messages.add(message);
					}
					else {
						problems.add((InvalidMessageException) entry);
					}
				}
				else {
					JsonToken token = parser.currentToken();
					parser.skipChildren();
					problems.add(invalid(RemoteException.INVALID_REQUEST, RequestId.nullId(),
							where + "expected a JSON object, got " + describe(token)));
				}
			}
			if (entries == 0) {
				return invalid(RemoteException.INVALID_REQUEST, RequestId.nullId(),
						"an empty batch; a batch is an array of one or more calls");
			}
			return new Message.Batch(messages, problems);
		}

		private Envelope read(JsonParser parser, String where) {
			Envelope envelope = new Envelope(this, where);
			this.current = envelope;
			envelope.read(parser);
			this.replies |= envelope.isReply();
			return envelope;
		}

		/**
		 * The id to answer the frame with if it cannot be read: none if it holds a reply; the id of
		 * a single call if it was read before the problem; else null.
		 */
		@Nullable RequestId replyTo() {
			Envelope current = this.current;
			if (this.replies || (current != null && current.isReply())) {
				return null;
			}
			return (current != null && !this.batch) ? current.replyTo() : RequestId.nullId();
		}

		InvalidMessageException invalid(int code, @Nullable RequestId replyTo, String reason) {
			return new InvalidMessageException(code, replyTo, reason + " in " + excerpt(this.bytes));
		}

		private static String describe(JsonToken token) {
			return switch (token) {
				case START_ARRAY -> "an array";
				case VALUE_STRING -> "a string";
				case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
				case VALUE_TRUE, VALUE_FALSE -> "a boolean";
				case VALUE_NULL -> "null";
				default -> String.valueOf(token);
			};
		}

	}

	/** The members of one JSON-RPC object, collected in any order. */
	private static final class Envelope implements Consumer<String> {

		private final Frame frame;

		/** Where the object is in its frame, for messages: empty, or the batch entry. */
		private final String where;

		private boolean versionSeen;

		private @Nullable String versionProblem;

		private @Nullable JsonNode method;

		private @Nullable JsonNode params;

		private @Nullable RequestId id;

		private @Nullable String idProblem;

		private @Nullable JsonNode result;

		private @Nullable JsonNode error;

		private @Nullable String problem;

		private @Nullable String duplicate;

		private boolean reply;

		/** The members read so far, one bit each, to find one that occurs twice. */
		private int seen;

		private String member = "";

		Envelope(Frame frame, String where) {
			this.frame = frame;
			this.where = where;
		}

		/** Reads the members of the object whose start is the current token, to its end. */
		Envelope read(JsonParser parser) {
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				parser.nextToken();
				member(name, parser);
			}
			return this;
		}

		private void member(String name, JsonParser parser) {
			this.member = name;
			if (name.equals("result") || name.equals("error")) {
				// before the value, which may be malformed: a bad reply is never answered
				this.reply = true;
			}
			if (name.equals("id")) {
				readId(parser);
				recordMember(name, 8);
				return;
			}
			JsonNode value = JsonValues.read(parser, this);
			int bit = switch (name) {
				case "jsonrpc" -> {
					this.versionSeen = true;
					this.versionProblem = (value.isString() && value.stringValue().equals("2.0")) ? null
							: "'jsonrpc' must be \"2.0\", not " + value;
					yield 1;
				}
				case "method" -> {
					this.method = value;
					yield 2;
				}
				case "params" -> {
					this.params = value;
					yield 4;
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
			recordMember(name, bit);
		}

		private void recordMember(String name, int bit) {
			if ((this.seen & bit) != 0 && this.duplicate == null) {
				this.duplicate = name;
			}
			this.seen |= bit;
		}

		/** Reads the id as written: a string, a number or null; anything else is a problem. */
		private void readId(JsonParser parser) {
			JsonToken token = parser.currentToken();
			this.id = null;
			this.idProblem = null;
			switch (token) {
				case VALUE_STRING -> this.id = RequestId.of(parser.getString());
				case VALUE_NULL -> this.id = RequestId.nullId();
				case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
					if (token == JsonToken.VALUE_NUMBER_INT && parser.getNumberType() != JsonParser.NumberType.BIG_INTEGER
							&& parser.getLongValue() != 0) {
						this.id = RequestId.of(parser.getLongValue());
					}
					else {
						String literal = parser.getString();
						try {
							this.id = RequestId.ofNumber(literal);
						}
						catch (IllegalArgumentException ex) {
							// NaN and Infinity, which Jackson reads as numbers but JSON does not have
							this.idProblem = "'id' must be a string, a number or null, not " + literal;
						}
					}
				}
				default -> {
					parser.skipChildren();
					this.idProblem = "'id' must be a string, a number or null, not "
							+ ((token == JsonToken.START_OBJECT) ? "an object" : (token == JsonToken.START_ARRAY) ? "an array"
									: "a boolean");
				}
			}
		}

		/** A problem in the value of the member being read. */
		@Override
		public void accept(String problem) {
			if (this.problem == null) {
				this.problem = "member '" + this.member + "': " + problem;
			}
		}

		private boolean isReply() {
			return this.reply && this.method == null;
		}

		/** The id to answer an invalid request with: its own, or null if it could not be read; none for a reply. */
		private @Nullable RequestId replyTo() {
			if (isReply()) {
				return null;
			}
			return (this.id != null) ? this.id : RequestId.nullId();
		}

		Object toMessage() {
			if (this.idProblem != null) {
				return invalid(RemoteException.INVALID_REQUEST, replyTo(), this.idProblem);
			}
			if (this.duplicate != null) {
				return invalid(RemoteException.INVALID_REQUEST, replyTo(), "member '" + this.duplicate
						+ "' occurs more than once");
			}
			if (!isReply() && (!this.versionSeen || this.versionProblem != null)) {
				// replies are taken without it: a reply that ends a waiting request serves the caller best
				return invalid(RemoteException.INVALID_REQUEST, replyTo(), (this.versionProblem != null)
						? this.versionProblem : "member 'jsonrpc' is missing; send \"jsonrpc\": \"2.0\" in every call");
			}
			if (this.problem != null) {
				// a call whose arguments cannot be read: answered if it is a request
				return invalid(RemoteException.INVALID_PARAMS, isReply() ? null : this.id, this.problem);
			}
			if (this.method != null) {
				return toCall();
			}
			if (this.error != null) {
				return toError();
			}
			if (this.result != null) {
				RequestId id = this.id;
				if (id == null || id.isNull()) {
					return invalid(RemoteException.INVALID_REQUEST, null, "a reply that names no request ('id' is "
							+ ((id == null) ? "missing" : "null") + ")");
				}
				return new Message.Reply(id, this.result);
			}
			return invalid(RemoteException.INVALID_REQUEST, replyTo(), "neither 'method', 'result' nor 'error' given");
		}

		private Object toCall() {
			JsonNode method = this.method;
			if (method == null || !method.isString() || method.stringValue().isEmpty()) {
				return invalid(RemoteException.INVALID_REQUEST, replyTo(), "'method' must be a non-empty string");
			}
			JsonNode params = (this.params != null) ? this.params : JsonNodeFactory.instance.objectNode();
			if (!params.isObject() && !params.isArray()) {
				return invalid(RemoteException.INVALID_PARAMS, replyTo(), "'params' must be an object or an array, not "
						+ params.getNodeType());
			}
			if (SecurityHeaders.METHOD.equals(method.stringValue()) && this.id == null && !params.isObject()) {
				return invalid(RemoteException.INVALID_REQUEST, null, "security header params must be an object");
			}
			return new Message.Call(method.stringValue(), params, this.id);
		}

		private Object toError() {
			JsonNode error = this.error;
			if (error == null || !error.isObject()) {
				return invalid(RemoteException.INVALID_REQUEST, null, "'error' must be an object");
			}
			JsonNode code = error.get("code");
			JsonNode message = error.get("message");
			int codeValue = (code != null && code.isIntegralNumber() && code.canConvertToInt()) ? code.intValue()
					: RemoteException.UNSPECIFIED;
			String text = (message == null || message.isNull()) ? ""
					: message.isString() ? message.stringValue() : message.toString();
			RequestId id = this.id;
			if (id == null || id.isNull()) {
				return invalid(RemoteException.INVALID_REQUEST, null, "the peer sent an error that names no request, "
						+ "so it could not read something this side sent (code " + codeValue + ": " + text + ")");
			}
			JsonNode data = error.get("data");
			return new Message.ErrorReply(id, codeValue, text, (data == null || data.isNull()) ? null : data);
		}

		private InvalidMessageException invalid(int code, @Nullable RequestId replyTo, String reason) {
			return this.frame.invalid(code, replyTo, this.where + reason);
		}

	}

}
