package io.quickrpc.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.quickrpc.RemoteException;
import io.quickrpc.security.Security;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.util.TokenBuffer;

/**
 * JSON-RPC 2.0, one object per frame, frames separated by a delimiter.
 */
final class JsonRpcCodec implements Codec {

	// the envelope's names and version, encoded once
	private static final SerializedString JSONRPC = new SerializedString("jsonrpc");

	private static final SerializedString VERSION = new SerializedString("2.0");

	private static final SerializedString METHOD = new SerializedString("method");

	private static final SerializedString PARAMS = new SerializedString("params");

	private static final SerializedString ID = new SerializedString("id");

	private static final SerializedString RESULT = new SerializedString("result");

	private static final SerializedString ERROR = new SerializedString("error");

	// the envelope's bytes around a plain reply's values and after a plain call's params
	private static final SerializedString REPLY_START = new SerializedString("{\"jsonrpc\":\"2.0\",\"id\":");

	private static final SerializedString BEFORE_RESULT = new SerializedString(",\"result\":");

	private static final SerializedString BEFORE_ID = new SerializedString(",\"id\":");

	private static final SerializedString END = new SerializedString("}");

	private static final SerializedString CODE = new SerializedString("code");

	private static final SerializedString MESSAGE = new SerializedString("message");

	private static final SerializedString DATA = new SerializedString("data");

	private static final Pattern START_MARKER = Pattern.compile(" \\(start marker at \\[Source: [^\\]]*\\]\\)");


	// buffers recycled per thread: the default pool, a concurrent deque shared by all threads,
	// costs more than the parsing of a small message when event loops and callers contend on it.
	// Duplicate keys are detected while the tree is built, which costs less than Jackson's
	// detection (a hash set per object) and lets a request with one still be answered by id.
	static final JsonFactory JSON = JsonFactory.builder()
		.enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
		.recyclerPool(ThreadBuffers.INSTANCE)
		.rootValueSeparator((String) null)
		.build();

	/**
	 * The member that carries a call's headers. Decoders that do not know it, such as the Python
	 * original's, ignore it, as they ignore every member that JSON-RPC 2.0 does not define.
	 */
	static final String HEADERS = "meta";

	private final byte[] delimiter;

	private final NameTable methodNames = new NameTable();

	private final CallPrefixes callPrefixes = new CallPrefixes();

	JsonRpcCodec(byte[] delimiter) {
		this.delimiter = delimiter.clone();
	}

	@Override
	public byte[] encode(Message message, Security security) {
		PayloadWriter out = PayloadWriter.start(JSON);
		boolean failed = true;
		try {
			if (!writePlain(out.generator(), message)) {
				writeMessage(out.generator(), message);
			}
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

	/**
	 * Writes a call without headers or a reply with its envelope's bytes made once, its values
	 * (params, id, result) with the generator, which sees them as values one after another; else
	 * returns {@code false}, for the message to be written member by member.
	 */
	private boolean writePlain(JsonGenerator generator, Message message) {
		if (message instanceof Message.Call call) {
			SerializableString prefix = call.headers().isEmpty() ? this.callPrefixes.of(call.method()) : null;
			if (prefix == null) {
				return false;
			}
			generator.writeRaw(prefix);
			call.params().writeTo(generator);
			if (call.id() != null) {
				generator.writeRaw(BEFORE_ID);
				call.id().write(generator);
			}
		}
		else if (message instanceof Message.Reply reply) {
			// the id first, as writeMessage writes it
			generator.writeRaw(REPLY_START);
			reply.id().write(generator);
			generator.writeRaw(BEFORE_RESULT);
			reply.result().writeTo(generator);
		}
		else {
			return false;
		}
		generator.writeRaw(END);
		return true;
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
		generator.writeName(JSONRPC);
		generator.writeString(VERSION);
		if (message instanceof Message.Call call) {
			generator.writeName(METHOD);
			generator.writeString(call.method());
			generator.writeName(PARAMS);
			call.params().writeTo(generator);
			writeHeaders(generator, call.headers());
			writeId(generator, call.id());
		}
		else if (message instanceof Message.Reply reply) {
			// the id first, so that the receiver knows the result's type before it reads the result
			writeId(generator, reply.id());
			generator.writeName(RESULT);
			reply.result().writeTo(generator);
		}
		else {
			Message.ErrorReply error = (Message.ErrorReply) message;
			writeId(generator, error.id());
			generator.writeName(ERROR);
			generator.writeStartObject();
			generator.writeName(CODE);
			generator.writeNumber(error.code());
			generator.writeName(MESSAGE);
			generator.writeString(error.message());
			Value data = error.data();
			if (data != null) {
				generator.writeName(DATA);
				data.writeTo(generator);
			}
			generator.writeEndObject();
		}
		generator.writeEndObject();
	}

	private static void writeId(JsonGenerator generator, @Nullable RequestId id) {
		if (id != null) {
			generator.writeName(ID);
			id.write(generator);
		}
	}

	/** Writes a call's headers, if it has any: without them, the frame is JSON-RPC 2.0 as the original writes it. */
	private static void writeHeaders(JsonGenerator generator, Map<String, String> headers) {
		if (headers.isEmpty()) {
			return;
		}
		generator.writeName(HEADERS);
		writeStrings(generator, headers);
	}

	private static void writeStrings(JsonGenerator generator, Map<String, String> entries) {
		generator.writeStartObject();
		for (Map.Entry<String, String> entry : entries.entrySet()) {
			generator.writeStringProperty(entry.getKey(), entry.getValue());
		}
		generator.writeEndObject();
	}

	private static void writeHeader(JsonGenerator generator, Map<String, String> securityInfo) {
		generator.writeStartObject();
		generator.writeName(JSONRPC);
		generator.writeString(VERSION);
		generator.writeName(METHOD);
		generator.writeString(SecurityHeaders.METHOD);
		generator.writeName(PARAMS);
		writeStrings(generator, securityInfo);
		generator.writeEndObject();
	}

	@Override
	public Framer framer() {
		return new DelimiterFramer(this.delimiter);
	}

	@Override
	public void decode(ByteBuffer frame, Sink sink) {
		if (!isBlank(frame, frame.position(), frame.limit())) {
			SecurityHeaders.deliver(decodeFrame(frame, sink), frame, sink);
		}
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
	private Object decodeFrame(ByteBuffer frame, Sink sink) {
		Message plain = EnvelopeScanner.read(JSON, this.methodNames, frame, sink);
		return (plain != null) ? plain : parseFrame(frame, sink);
	}

	/** Reads a frame token by token, whatever it holds. */
	static Object parseFrame(ByteBuffer frame, Readers sink) {
		Frame read = new Frame(frame, sink);
		try (FrameParser frameParser = FrameParser.open(JSON, frame)) {
			JsonParser parser = frameParser.parser();
			JsonToken first = frameParser.firstToken();
			Object decoded;
			if (first == JsonToken.START_OBJECT) {
				decoded = read.object(parser);
			}
			else if (first == JsonToken.START_ARRAY) {
				decoded = read.batch(parser);
			}
			else {
				decoded = null; // what is not JSON at all is a parse error, found while reading it to its end
			}
			if (!frameParser.endsAfterValue()) {
				return new InvalidMessageException(RemoteException.PARSE_ERROR, read.replyTo(),
						"unexpected data after the JSON value in " + excerpt(frame));
			}
			return (decoded != null) ? decoded : new InvalidMessageException(RemoteException.INVALID_REQUEST,
					RequestId.nullId(), "expected a JSON object or a batch (an array of objects), got " + excerpt(frame));
		}
		catch (JacksonException ex) {
			return new InvalidMessageException(RemoteException.PARSE_ERROR, read.replyTo(),
					"invalid JSON (" + withoutSource(ex.getOriginalMessage()) + ") in " + excerpt(frame));
		}
		catch (NumberFormatException ex) {
			// Jackson accepts a number such as 1e99999999999 as a token, but no BigDecimal can hold it
			return new InvalidMessageException(RemoteException.PARSE_ERROR, read.replyTo(),
					"unreadable number (" + ex.getMessage() + ") in " + excerpt(frame));
		}
		catch (RuntimeException ex) {
			// a reader that failed instead of keeping the problem in its value: the frame cannot be read on
			return new InvalidMessageException(RemoteException.INTERNAL_ERROR, read.replyTo(),
					"a value could not be read (" + ex + ") in " + excerpt(frame));
		}
	}

	/**
	 * Jackson's message without the location of a value's start, which names no source here and
	 * counts no offset: the excerpt of the frame says where.
	 */
	private static String withoutSource(String message) {
		return START_MARKER.matcher(message).replaceAll("");
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

		private final Readers sink;

		/** Whether a reply was read: a frame holding one is never answered, lest peers answer each other forever. */
		private boolean replies;

		/** The object being read. */
		private @Nullable Envelope current;

		private boolean batch;

		Frame(ByteBuffer bytes, Readers sink) {
			this.bytes = bytes;
			this.sink = sink;
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

	/**
	 * The members of one JSON-RPC object, collected in any order. Values are read as soon as it is
	 * known what they belong to (params once the method is read, a result once the id is), and
	 * buffered as tokens until then.
	 */
	private static final class Envelope {

		private static final ObjectReadContext NO_CONTEXT = ObjectReadContext.empty();

		private final Frame frame;

		/** Where the object is in its frame, for messages: empty, or the batch entry. */
		private final String where;

		private boolean versionSeen;

		private @Nullable String versionProblem;

		private boolean methodSeen;

		private @Nullable String method;

		private @Nullable Value params;

		private @Nullable TokenBuffer bufferedParams;

		private @Nullable String paramsProblem;

		/** Whether params is an array of positional arguments. */
		private boolean positional;

		private @Nullable RequestId id;

		private @Nullable String idProblem;

		private @Nullable Value result;

		private @Nullable TokenBuffer bufferedResult;

		private boolean errorSeen;

		private @Nullable String errorProblem;

		private int errorCode = RemoteException.UNSPECIFIED;

		private String errorMessage = "";

		private @Nullable Value errorData;

		private @Nullable String duplicate;

		private Map<String, String> headers = Map.of();

		private boolean reply;

		/** The members read so far, one bit each, to find one that occurs twice. */
		private int seen;

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
			int bit = switch (name) {
				case "jsonrpc" -> {
					readVersion(parser);
					yield 1;
				}
				case "method" -> {
					readMethod(parser);
					yield 2;
				}
				case "params" -> {
					readParams(parser);
					yield 4;
				}
				case "id" -> {
					readId(parser);
					yield 8;
				}
				case "result" -> {
					// before the value, which may be malformed: a bad reply is never answered
					this.reply = true;
					readResult(parser);
					yield 16;
				}
				case "error" -> {
					this.reply = true;
					readError(parser);
					yield 32;
				}
				case HEADERS -> {
					readHeaders(parser);
					yield 0;
				}
				default -> {
					parser.skipChildren(); // extensions are ignored
					yield 0;
				}
			};
			if ((this.seen & bit) != 0 && this.duplicate == null) {
				this.duplicate = name;
			}
			this.seen |= bit;
		}

		/**
		 * Reads a call's headers: an object of strings. They are context, not content, so what is
		 * malformed is dropped rather than failing the call: a member that is not an object, and
		 * entries whose values are not strings.
		 */
		private void readHeaders(JsonParser parser) {
			if (parser.currentToken() != JsonToken.START_OBJECT) {
				parser.skipChildren();
				return;
			}
			Map<String, String> headers = new LinkedHashMap<>();
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				if (parser.nextToken() == JsonToken.VALUE_STRING) {
					headers.put(name, parser.getString());
				}
				else {
					parser.skipChildren();
				}
			}
			this.headers = headers;
		}

		private void readVersion(JsonParser parser) {
			this.versionSeen = true;
			boolean valid = parser.currentToken() == JsonToken.VALUE_STRING && parser.getString().equals("2.0");
			this.versionProblem = valid ? null : "'jsonrpc' must be \"2.0\", not " + text(parser);
		}

		private void readMethod(JsonParser parser) {
			this.methodSeen = true;
			boolean valid = parser.currentToken() == JsonToken.VALUE_STRING && !parser.getString().isEmpty();
			this.method = valid ? parser.getString() : null;
			parser.skipChildren();
		}

		private void readParams(JsonParser parser) {
			JsonToken token = parser.currentToken();
			this.params = null;
			this.bufferedParams = null;
			this.paramsProblem = null;
			this.positional = token == JsonToken.START_ARRAY;
			if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
				this.paramsProblem = "'params' must be an object or an array, not " + text(parser);
			}
			else if (this.method != null && !SecurityHeaders.METHOD.equals(this.method)) {
				this.params = this.frame.sink.paramsReader(this.method).read(parser);
			}
			else {
				// the method is not known yet, or a security header's id may still follow
				this.bufferedParams = buffer(parser);
			}
		}

		/** A security header's params are the header; every other call's are read as the sink says. */
		private ValueReader paramsReader(String method) {
			return (SecurityHeaders.METHOD.equals(method) && this.id == null) ? SecurityHeaders.READER
					: this.frame.sink.paramsReader(method);
		}

		private void readResult(JsonParser parser) {
			RequestId id = this.id;
			if (id != null && !id.isNull()) {
				this.result = this.frame.sink.resultReader(id).read(parser);
			}
			else {
				this.bufferedResult = buffer(parser);
			}
		}

		private void readError(JsonParser parser) {
			this.errorSeen = true;
			if (parser.currentToken() != JsonToken.START_OBJECT) {
				this.errorProblem = "'error' must be an object, not " + text(parser);
				return;
			}
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken token = parser.nextToken();
				switch (name) {
					case "code" -> {
						boolean valid = token == JsonToken.VALUE_NUMBER_INT
								&& parser.getNumberType() == JsonParser.NumberType.INT;
						this.errorCode = valid ? parser.getIntValue() : RemoteException.UNSPECIFIED;
						parser.skipChildren();
					}
					case "message" -> this.errorMessage = (token == JsonToken.VALUE_STRING) ? parser.getString()
							: (token == JsonToken.VALUE_NULL) ? "" : text(parser);
					case "data" -> this.errorData = (token == JsonToken.VALUE_NULL) ? null
							: this.frame.sink.dataReader().read(parser);
					default -> parser.skipChildren();
				}
			}
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
						String literal = FrameParser.numberText(parser);
						try {
							this.id = RequestId.ofNumber(literal);
						}
						catch (IllegalArgumentException ex) {
							// NaN and Infinity, which Jackson reads as numbers but JSON does not have
							this.idProblem = "'id' must be a string, a number or null, not " + literal;
						}
					}
				}
				default -> this.idProblem = "'id' must be a string, a number or null, not " + text(parser);
			}
		}

		private static TokenBuffer buffer(JsonParser parser) {
			TokenBuffer buffer = TokenBuffer.forBuffering(parser, NO_CONTEXT);
			buffer.copyCurrentStructure(parser);
			return buffer;
		}

		private static Value read(ValueReader reader, TokenBuffer buffer) {
			try (JsonParser parser = buffer.asParserOnFirstToken(NO_CONTEXT)) {
				return reader.read(parser);
			}
		}

		/** Describes the current value for messages, reading it to its end. */
		private static String text(JsonParser parser) {
			return switch (parser.currentToken()) {
				case START_OBJECT -> {
					parser.skipChildren();
					yield "an object";
				}
				case START_ARRAY -> {
					parser.skipChildren();
					yield "an array";
				}
				case VALUE_STRING -> "\"" + parser.getString() + "\"";
				default -> parser.getString();
			};
		}

		private boolean isReply() {
			return this.reply && !this.methodSeen;
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
			if (this.methodSeen) {
				return toCall();
			}
			if (this.errorSeen) {
				return toError();
			}
			if (this.reply) {
				return toReply();
			}
			return invalid(RemoteException.INVALID_REQUEST, replyTo(), "neither 'method', 'result' nor 'error' given");
		}

		private Object toCall() {
			String method = this.method;
			if (method == null) {
				return invalid(RemoteException.INVALID_REQUEST, replyTo(), "'method' must be a non-empty string");
			}
			if (this.paramsProblem != null) {
				return invalid(RemoteException.INVALID_PARAMS, replyTo(), this.paramsProblem);
			}
			Value params = this.params;
			TokenBuffer buffered = this.bufferedParams;
			if (buffered != null) {
				params = read(paramsReader(method), buffered);
			}
			else if (params == null) {
				try (JsonParser empty = JSON.createParser(NO_CONTEXT, "{}")) {
					empty.nextToken();
					params = paramsReader(method).read(empty);
				}
			}
			if (SecurityHeaders.METHOD.equals(method) && this.id == null && this.positional) {
				return invalid(RemoteException.INVALID_REQUEST, null, "security header params must be an object");
			}
			return new Message.Call(method, params, this.id, this.headers);
		}

		private Object toReply() {
			RequestId id = this.id;
			if (id == null || id.isNull()) {
				return invalid(RemoteException.INVALID_REQUEST, null, "a reply that names no request ('id' is "
						+ ((id == null) ? "missing" : "null") + ")");
			}
			Value result = this.result;
			TokenBuffer buffered = this.bufferedResult;
			if (buffered != null) {
				result = read(this.frame.sink.resultReader(id), buffered);
			}
			return new Message.Reply(id, java.util.Objects.requireNonNull(result));
		}

		private Object toError() {
			if (this.errorProblem != null) {
				return invalid(RemoteException.INVALID_REQUEST, null, this.errorProblem);
			}
			RequestId id = this.id;
			if (id == null || id.isNull()) {
				return invalid(RemoteException.INVALID_REQUEST, null, "the peer sent an error that names no request, "
						+ "so it could not read something this side sent (code " + this.errorCode + ": "
						+ this.errorMessage + ")");
			}
			return new Message.ErrorReply(id, this.errorCode, this.errorMessage, this.errorData);
		}

		private InvalidMessageException invalid(int code, @Nullable RequestId replyTo, String reason) {
			return this.frame.invalid(code, replyTo, this.where + reason);
		}

	}

}
