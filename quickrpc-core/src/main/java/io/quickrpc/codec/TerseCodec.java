package io.quickrpc.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.quickrpc.RemoteException;
import io.quickrpc.security.Security;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.util.TokenBuffer;

/**
 * The terse line format. Reads what the Python original writes, including its replies that lack
 * the final newline, and always writes the newline itself.
 */
final class TerseCodec implements Codec {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	@Override
	public byte[] encode(Message message, Security security) {
		StringBuilder line = new StringBuilder(64);
		writeMessage(line, message);
		byte[] payload = line.toString().getBytes(StandardCharsets.UTF_8);
		Map<String, String> securityInfo = security.sign(payload, 0, payload.length);
		StringBuilder out = new StringBuilder();
		if (!securityInfo.isEmpty()) {
			out.append(SecurityHeaders.METHOD);
			securityInfo.forEach((key, value) -> {
				out.append(' ');
				writeKey(out, key);
				out.append(':');
				writeString(out, value);
			});
			out.append('\n');
		}
		return out.append(line).append('\n').toString().getBytes(StandardCharsets.UTF_8);
	}

	private static void writeMessage(StringBuilder out, Message message) {
		if (message instanceof Message.Batch batch) {
			// terse has no batches: one line each
			for (int i = 0; i < batch.messages().size(); i++) {
				out.append((i > 0) ? "\n" : "");
				writeMessage(out, batch.messages().get(i));
			}
		}
		else if (message instanceof Message.Call call) {
			out.append(call.method());
			RequestId id = call.id();
			if (id != null) {
				out.append('/');
				writeId(out, id);
			}
			JsonNode params = tree(call.params());
			if (params.isArray()) {
				for (JsonNode value : params) {
					out.append(' ');
					writeValue(out, value);
				}
			}
			else {
				for (Map.Entry<String, JsonNode> param : params.properties()) {
					out.append(' ');
					writeKey(out, param.getKey());
					out.append(':');
					writeValue(out, param.getValue());
				}
			}
		}
		else if (message instanceof Message.Reply reply) {
			out.append('[');
			writeId(out, reply.id());
			out.append("]:");
			writeValue(out, tree(reply.result()));
		}
		else if (message instanceof Message.ErrorReply error) {
			out.append('[');
			writeId(out, error.id());
			out.append("]! code:").append(error.code()).append(" message:");
			writeString(out, error.message());
			Value data = error.data();
			if (data != null) {
				out.append(" data:");
				writeValue(out, tree(data));
			}
		}
	}

	/** A value as a tree, with bytes as binary nodes: terse writes values for people, where speed matters less. */
	private static JsonNode tree(Value value) {
		TokenBuffer buffer = TokenBuffer.forGeneration();
		value.writeTo(buffer);
		try (JsonParser parser = buffer.asParserOnFirstToken(ObjectReadContext.empty())) {
			return JsonValues.read(parser, (problem) -> {
			});
		}
	}

	private static void writeId(StringBuilder out, RequestId id) {
		if (id.isString()) {
			writeString(out, id.text());
		}
		else {
			out.append(id);
		}
	}

	private static void writeValue(StringBuilder out, JsonNode value) {
		switch (value.getNodeType()) {
			case STRING -> writeString(out, value.stringValue());
			case NUMBER -> out.append(isNegativeZero(value) ? "-0.0"
					: value.isFloatingPointNumber() ? value.decimalValue().toString() : value.asString());
			case BOOLEAN -> out.append(value.booleanValue());
			case BINARY, POJO -> out.append('\'').append(Base64.getEncoder().encodeToString(JsonValues.bytes(value)))
				.append('\'');
			case ARRAY -> {
				out.append('[');
				boolean first = true;
				for (JsonNode element : value) {
					out.append(first ? "" : " ");
					writeValue(out, element);
					first = false;
				}
				out.append(']');
			}
			case OBJECT -> {
				out.append('{');
				boolean first = true;
				for (Map.Entry<String, JsonNode> property : value.properties()) {
					out.append(first ? "" : " ");
					writeKey(out, property.getKey());
					out.append(':');
					writeValue(out, property.getValue());
					first = false;
				}
				out.append('}');
			}
			default -> out.append("null");
		}
	}

	private static boolean isNegativeZero(JsonNode number) {
		return (number.isDouble() || number.isFloat()) && Double.doubleToRawLongBits(number.doubleValue()) == Long.MIN_VALUE;
	}

	private static void writeKey(StringBuilder out, String key) {
		boolean bare = !key.isEmpty();
		for (int i = 0; i < key.length() && bare; i++) {
			bare = isNameChar(key.charAt(i));
		}
		if (bare) {
			out.append(key);
		}
		else {
			writeString(out, key);
		}
	}

	private static void writeString(StringBuilder out, String text) {
		out.append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		out.append('"');
	}

	static boolean isNameChar(char c) {
		return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
	}

	@Override
	public Framer framer() {
		return new LineFramer();
	}

	@Override
	public void decode(ByteBuffer frame, Sink sink) {
		String line = text(frame, frame.position(), frame.limit());
		if (line.isBlank()) {
			return;
		}
		if (!isUtf8(frame)) {
			sink.invalid(new InvalidMessageException(RemoteException.PARSE_ERROR, null,
					"invalid UTF-8 in terse line '" + excerpt(line) + "'; send text in UTF-8"));
			return;
		}
		TerseParser parser = new TerseParser(line.strip(), sink);
		while (parser.hasMore()) {
			SecurityHeaders.deliver(parser.message(), frame, sink);
		}
	}

	/**
	 * Cuts lines: a frame ends at its newline, or, for a reply of the original, which writes none,
	 * where nothing can extend it ({@link TerseParser#isFinishedReply(String)}).
	 */
	private static final class LineFramer implements Framer {

		/** How many bytes from the buffer's position were scanned without finding a newline. */
		private int scanned;

		private int delimiter;

		@Override
		public int frameLength(ByteBuffer in) {
			if (this.scanned > in.remaining()) {
				// not the bytes scanned before: a stream that starts again
				this.scanned = 0;
			}
			int newline = indexOf(in, in.position() + this.scanned, (byte) '\n');
			if (newline >= 0) {
				this.scanned = 0;
				this.delimiter = 1;
				return newline - in.position();
			}
			this.scanned = in.remaining();
			if (startsReply(in) && TerseParser.isFinishedReply(text(in, in.position(), in.limit()))) {
				this.scanned = 0;
				this.delimiter = 0;
				return in.remaining();
			}
			return INCOMPLETE;
		}

		@Override
		public int delimiterLength() {
			return this.delimiter;
		}

		private static boolean startsReply(ByteBuffer in) {
			for (int i = in.position(); i < in.limit(); i++) {
				byte b = in.get(i);
				if (b != ' ' && b != '\t' && b != '\r') {
					return b == '[';
				}
			}
			return false;
		}

	}

	private static int indexOf(ByteBuffer in, int from, byte target) {
		for (int i = from; i < in.limit(); i++) {
			if (in.get(i) == target) {
				return i;
			}
		}
		return -1;
	}

	private static boolean isUtf8(ByteBuffer bytes) {
		try {
			StandardCharsets.UTF_8.newDecoder().decode(bytes.duplicate());
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	private static String excerpt(String line) {
		return (line.length() > 80) ? line.substring(0, 80) + "..." : line;
	}

	private static String text(ByteBuffer in, int from, int to) {
		byte[] bytes = new byte[to - from];
		in.duplicate().position(from).get(bytes);
		return new String(bytes, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return "terse";
	}

	/** Parses one line: one message, or several the original wrote without newlines between. */
	static final class TerseParser {

		/** Reads nothing, where only the shape of a line matters. */
		private static final ValueReader SKIP = (parser) -> {
			parser.skipChildren();
			return (generator) -> generator.writeNull();
		};

		/** The deepest nesting of lists and objects read, as Jackson's default for JSON. */
		static final int MAX_DEPTH = 500;

		/** The last field of the original's error replies, which it ends without a newline. */
		private static final String ORIGINALS_LAST_FIELD = "details";

		private final String text;

		private int pos;

		private int depth;

		/** Whether the last value read ended with its own closing quote or bracket. */
		private boolean lastValueClosed;

		/** The name of the last field of an error reply read. */
		private @Nullable String lastField;

		/** Says how to read values; none while only the shape of a line is checked. */
		private final Codec.@Nullable Sink sink;

		TerseParser(String text, Codec.@Nullable Sink sink) {
			this.text = text;
			this.sink = sink;
		}

		/**
		 * Whether text without a newline is a reply of the Python original that nothing can
		 * extend, so it can be taken as a whole: the original writes no newline after its replies
		 * (every other line is complete only at its newline). Such a reply is {@code [ID]:VALUE}
		 * whose one value ends with its own closing quote or bracket (a number or word could still
		 * go on), or {@code [ID]! message:... details:...} read up to its closed {@code details},
		 * the last field the original writes.
		 */
		static boolean isFinishedReply(String text) {
			String line = text.strip();
			if (!line.startsWith("[")) {
				return false;
			}
			TerseParser parser = new TerseParser(line, null);
			Object decoded;
			do {
				// the original's replies may follow each other on one line
				decoded = parser.message();
				if (!(decoded instanceof Message)) {
					return false;
				}
			}
			while (parser.hasMore());
			return parser.lastValueClosed && (decoded instanceof Message.Reply
					|| (decoded instanceof Message.ErrorReply && ORIGINALS_LAST_FIELD.equals(parser.lastField)));
		}

		boolean hasMore() {
			skipSpaces();
			return this.pos < this.text.length();
		}

		/** Returns a {@link Message} or an {@link InvalidMessageException}; always advances. */
		Object message() {
			int start = this.pos;
			this.depth = 0;
			this.lastField = null;
			RequestId requestId = null;
			try {
				if (peek() == '[') {
					this.pos++;
					RequestId id = id();
					expect(']');
					char kind = next();
					if (kind == ':') {
						JsonNode result = value();
						return new Message.Reply(id, bind((this.sink != null) ? this.sink.resultReader(id) : SKIP, result));
					}
					if (kind == '!') {
						ObjectNode fields = namedValues();
						return error(id, fields);
					}
					throw problem("expected ':' or '!' after [" + id + "]");
				}
				String method = name();
				if (method.isEmpty()) {
					throw problem("expected a method name");
				}
				if (this.pos < this.text.length() && peek() == '/') {
					this.pos++;
					requestId = id();
				}
				JsonNode arguments = arguments();
				ValueReader reader = (this.sink == null) ? SKIP
						: (SecurityHeaders.METHOD.equals(method) && arguments.isObject()) ? SecurityHeaders.READER
								: this.sink.paramsReader(method);
				return new Message.Call(method, bind(reader, arguments), requestId);
			}
			catch (IllegalArgumentException ex) {
				this.pos = this.text.length();
				// only a request is answered: never a reply, lest two peers answer each other's errors
				return new InvalidMessageException(RemoteException.PARSE_ERROR, requestId,
						ex.getMessage() + " in terse line '" + excerpt(start) + "'");
			}
		}

		private Message.ErrorReply error(RequestId id, ObjectNode fields) {
			JsonNode code = fields.get("code");
			JsonNode message = fields.get("message");
			JsonNode data = fields.has("data") ? fields.get("data") : fields.get("details");
			ValueReader dataReader = (this.sink != null) ? this.sink.dataReader() : SKIP;
			return new Message.ErrorReply(id, (code != null && code.canConvertToInt()) ? code.intValue() : 0,
					(message != null && message.isString()) ? message.stringValue() : String.valueOf(message),
					(data == null || data.isNull()) ? null : bind(dataReader, data));
		}

		/** Reads a parsed value as the sink wants it. */
		private static Value bind(ValueReader reader, JsonNode value) {
			try (JsonParser parser = value.traverse(ObjectReadContext.empty())) {
				parser.nextToken();
				return reader.read(parser);
			}
		}

		/** Named arguments as an object, positional ones as an array; not both. */
		private JsonNode arguments() {
			ObjectNode named = NODES.objectNode();
			ArrayNode positional = NODES.arrayNode();
			while (hasMore() && !atReplyStart()) {
				int start = this.pos;
				String key = (peek() == '"') ? string() : name();
				if (!key.isEmpty() && this.pos < this.text.length() && peek() == ':') {
					this.pos++;
					named.set(key, value());
				}
				else {
					this.pos = start;
					positional.add(value());
				}
			}
			if (!named.isEmpty() && !positional.isEmpty()) {
				throw problem("mixes named and positional arguments");
			}
			return positional.isEmpty() ? named : positional;
		}

		private ObjectNode namedValues() {
			ObjectNode fields = NODES.objectNode();
			while (hasMore() && !atReplyStart()) {
				String key = name();
				expect(':');
				fields.set(key, value());
				this.lastField = key;
				if (key.equals(ORIGINALS_LAST_FIELD)) {
					// the original writes no newline after it: whatever follows is its next message
					break;
				}
			}
			return fields;
		}

		/** Whether a reply of the original, written without a newline, starts here. */
		private boolean atReplyStart() {
			int i = this.pos;
			if (i >= this.text.length() || this.text.charAt(i) != '[') {
				return false;
			}
			int digits = ++i;
			while (i < this.text.length() && Character.isDigit(this.text.charAt(i))) {
				i++;
			}
			return i > digits && i + 1 < this.text.length() && this.text.charAt(i) == ']'
					&& (this.text.charAt(i + 1) == ':' || this.text.charAt(i + 1) == '!');
		}

		private JsonNode value() {
			skipSpaces();
			char first = peek();
			JsonNode value = anyValue(first);
			this.lastValueClosed = first == '"' || first == '\'' || first == '[' || first == '{';
			return value;
		}

		private JsonNode anyValue(char c) {
			switch (c) {
				case '"':
					return NODES.stringNode(string());
				case '\'':
					this.pos++;
					int end = this.text.indexOf('\'', this.pos);
					if (end < 0) {
						throw problem("bytes '...' are never closed");
					}
					String base64 = this.text.substring(this.pos, end);
					this.pos = end + 1;
					try {
						return NODES.binaryNode(Base64.getDecoder().decode(base64));
					}
					catch (IllegalArgumentException ex) {
						throw problem("bytes '" + base64 + "' are not base64");
					}
				case '[':
					this.pos++;
					enter();
					ArrayNode list = NODES.arrayNode();
					while (true) {
						skipSpaces();
						if (peek() == ']') {
							this.pos++;
							this.depth--;
							return list;
						}
						list.add(value());
					}
				case '{':
					this.pos++;
					enter();
					ObjectNode object = NODES.objectNode();
					while (true) {
						skipSpaces();
						if (peek() == '}') {
							this.pos++;
							this.depth--;
							return object;
						}
						String key = (peek() == '"') ? string() : name();
						expect(':');
						object.set(key, value());
					}
				default:
					return bareword();
			}
		}

		/** Enters a list or object, refusing nesting deep enough to exhaust the stack. */
		private void enter() {
			if (++this.depth > MAX_DEPTH) {
				throw problem("values nested deeper than " + MAX_DEPTH + " levels");
			}
		}

		private JsonNode bareword() {
			int start = this.pos;
			while (this.pos < this.text.length() && (isNameChar(this.text.charAt(this.pos))
					|| this.text.charAt(this.pos) == '+')) {
				this.pos++;
			}
			String word = this.text.substring(start, this.pos);
			switch (word) {
				case "true", "True" -> {
					return NODES.booleanNode(true);
				}
				case "false", "False" -> {
					return NODES.booleanNode(false);
				}
				case "null", "None" -> {
					return NODES.nullNode();
				}
				default -> {
					return number(word);
				}
			}
		}

		private JsonNode number(String word) {
			if (word.isEmpty()) {
				throw problem("expected a value at position " + this.pos);
			}
			try {
				if (word.matches("[-+]?\\d+")) {
					BigInteger integer = new BigInteger(word);
					return (integer.bitLength() < 32) ? NODES.numberNode(integer.intValue())
							: (integer.bitLength() < 64) ? NODES.numberNode(integer.longValue()) : NODES.numberNode(integer);
				}
				BigDecimal exact = new BigDecimal(word);
				if (exact.signum() == 0) {
					// BigDecimal has no negative zero: take the sign from the text
					return NODES.numberNode(word.startsWith("-") ? -0.0 : 0.0);
				}
				double value = exact.doubleValue();
				return (!Double.isInfinite(value) && BigDecimal.valueOf(value).compareTo(exact) == 0)
						? NODES.numberNode(value) : NODES.numberNode(exact);
			}
			catch (NumberFormatException ex) {
				throw problem("'" + word + "' is not a value; quote strings, as in \"" + word + "\"");
			}
		}

		private String string() {
			expect('"');
			StringBuilder out = new StringBuilder();
			while (true) {
				if (this.pos >= this.text.length()) {
					throw problem("a string is never closed");
				}
				char c = this.text.charAt(this.pos++);
				if (c == '"') {
					return out.toString();
				}
				if (c != '\\') {
					out.append(c);
					continue;
				}
				if (this.pos >= this.text.length()) {
					throw problem("a string ends in a backslash");
				}
				char escaped = this.text.charAt(this.pos++);
				switch (escaped) {
					case 'n' -> out.append('\n');
					case 'r' -> out.append('\r');
					case 't' -> out.append('\t');
					case 'u' -> {
						if (this.pos + 4 > this.text.length()) {
							throw problem("\\u needs four hex digits");
						}
						try {
							out.append((char) Integer.parseInt(this.text.substring(this.pos, this.pos + 4), 16));
						}
						catch (NumberFormatException ex) {
							throw problem("\\u needs four hex digits");
						}
						this.pos += 4;
					}
					default -> out.append(escaped);
				}
			}
		}

		private String name() {
			skipSpaces();
			int start = this.pos;
			while (this.pos < this.text.length() && isNameChar(this.text.charAt(this.pos))) {
				this.pos++;
			}
			return this.text.substring(start, this.pos);
		}

		/** Reads a request id: digits, a quoted string, or {@code null}. */
		private RequestId id() {
			int start = this.pos;
			if (start < this.text.length() && this.text.charAt(start) == '"') {
				return RequestId.of(string());
			}
			if (this.text.startsWith("null", start)) {
				this.pos += 4;
				return RequestId.nullId();
			}
			while (this.pos < this.text.length() && Character.isDigit(this.text.charAt(this.pos))) {
				this.pos++;
			}
			if (this.pos == start) {
				throw problem("expected an id (digits, a \"string\" or null) at position " + start);
			}
			return RequestId.ofNumber(this.text.substring(start, this.pos));
		}

		private void expect(char c) {
			skipSpaces();
			if (next() != c) {
				throw problem("expected '" + c + "' at position " + (this.pos - 1));
			}
		}

		private char next() {
			if (this.pos >= this.text.length()) {
				throw problem("the line ends too early");
			}
			return this.text.charAt(this.pos++);
		}

		private char peek() {
			if (this.pos >= this.text.length()) {
				throw problem("the line ends too early");
			}
			return this.text.charAt(this.pos);
		}

		private void skipSpaces() {
			while (this.pos < this.text.length() && Character.isWhitespace(this.text.charAt(this.pos))) {
				this.pos++;
			}
		}

		private IllegalArgumentException problem(String reason) {
			return new IllegalArgumentException(reason);
		}

		private String excerpt(int start) {
			String rest = this.text.substring(Math.min(start, this.text.length()));
			return (rest.length() > 80) ? rest.substring(0, 80) + "..." : rest;
		}

	}

}
