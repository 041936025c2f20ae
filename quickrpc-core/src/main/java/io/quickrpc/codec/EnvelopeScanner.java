package io.quickrpc.codec;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.json.JsonFactory;

/**
 * Reads the JSON-RPC members of a plain call or reply straight from the frame's bytes, without a
 * parser token per member: what nearly every frame is, and the part of it that costs most to
 * parse. Only the values (params, a result) go through the parser, each fed its own bytes.
 * <p>
 * It takes only what it can read as {@link JsonRpcCodec}'s parser would: one object with the
 * members {@code jsonrpc} ({@code "2.0"}), {@code method} and {@code params}, or {@code id} and
 * {@code result}, in any order, with plain ASCII names, method and string id, an integer id, values
 * nested at most {@value #MAX_DEPTH} deep, and JSON white space. Everything else (batches, errors,
 * headers, escapes in the envelope, duplicates, malformed JSON, a reader that fails) it declines,
 * and the parser reads the frame from its start, to the same message or to the same report of
 * what is wrong. A value is read once its member's meaning is known, from its own bytes, as
 * written: the parser replays a value that came before the method or the id from buffered
 * tokens, which reads the same for every standard JSON value.
 */
final class EnvelopeScanner {

	private static final byte[] JSONRPC = bytes("jsonrpc");

	private static final byte[] METHOD = bytes("method");

	private static final byte[] PARAMS = bytes("params");

	private static final byte[] ID = bytes("id");

	private static final byte[] RESULT = bytes("result");

	private static final byte[] VERSION = bytes("\"2.0\"");

	/** How a call written without white space starts, up to its method name. */
	private static final byte[] CALL_START = bytes("{\"jsonrpc\":\"2.0\",\"method\":\"");

	/** How any message written without white space starts, up to its second member. */
	private static final byte[] START = bytes("{\"jsonrpc\":\"2.0\",");

	/**
	 * The deepest value read here. A value read from its own bytes is one level less deep than in
	 * its frame, so deep ones go to the parser, which counts their depth against its limit.
	 */
	private static final int MAX_DEPTH = 64;

	/** The most digits of an id read as a long here; longer ones are the parser's. */
	private static final int MAX_ID_DIGITS = 18;

	private final JsonFactory json;

	private final NameTable methods;

	private final byte[] bytes;

	private final int end;

	private int at;

	private EnvelopeScanner(JsonFactory json, NameTable methods, byte[] bytes, int start, int end) {
		this.json = json;
		this.methods = methods;
		this.bytes = bytes;
		this.at = start;
		this.end = end;
	}

	/**
	 * Reads a frame's call or reply, or declines it.
	 * @param json the factory of the parser that reads values
	 * @param methods the method names read before, to read the frame's without a new string
	 * @param frame the whole frame, from its position to its limit; left as it is
	 * @param sink gives the readers of values
	 * @return a {@link Message.Call} or a {@link Message.Reply}, or {@code null} if the parser
	 * must read the frame
	 */
	static @Nullable Message read(JsonFactory json, NameTable methods, ByteBuffer frame, Codec.Readers sink) {
		if (!frame.hasArray()) {
			return null;
		}
		int start = frame.arrayOffset() + frame.position();
		try {
			return new EnvelopeScanner(json, methods, frame.array(), start, start + frame.remaining()).message(sink);
		}
		catch (RuntimeException ex) {
			// a value that could not be read: the parser reads the frame again, and reports why
			return null;
		}
	}

	private @Nullable Message message(Codec.Readers sink) {
		boolean version = false;
		String method = null;
		// the members this library and compact writers put first are matched as one piece
		if (startsWith(CALL_START)) {
			method = methodName(this.at + CALL_START.length);
			version = true;
			if (method == null || !skipSpace() || this.bytes[this.at++] != ',') {
				return null;
			}
		}
		else if (skip(START)) {
			version = true;
		}
		else if (!skipSpace() || this.bytes[this.at++] != '{') {
			return null;
		}
		RequestId id = null;
		// where the values start and end: they are read once the members they belong to are known
		int params = -1;
		int paramsEnd = -1;
		int result = -1;
		int resultEnd = -1;
		do {
			if (!skipSpace()) {
				return null;
			}
			int name = this.at + 1;
			int nameEnd = skipPlainString();
			if (nameEnd < 0) {
				return null;
			}
			if (!skipSpace() || this.bytes[this.at++] != ':' || !skipSpace()) {
				return null;
			}
			if (is(JSONRPC, name, nameEnd) && !version) {
				if (!skip(VERSION)) {
					return null;
				}
				version = true;
			}
			else if (is(METHOD, name, nameEnd) && method == null) {
				method = (this.bytes[this.at] == '"') ? methodName(this.at + 1) : null;
				if (method == null) {
					return null;
				}
			}
			else if (is(PARAMS, name, nameEnd) && params < 0) {
				byte first = this.bytes[this.at];
				params = this.at;
				paramsEnd = (first == '{' || first == '[') ? valueEnd(params, version && method != null, id == null) : -1;
				if (paramsEnd < 0) {
					return null;
				}
				this.at = paramsEnd;
			}
			else if (is(ID, name, nameEnd) && id == null) {
				id = id();
				if (id == null) {
					return null;
				}
			}
			else if (is(RESULT, name, nameEnd) && result < 0) {
				result = this.at;
				resultEnd = valueEnd(result, version, id == null);
				if (resultEnd < 0) {
					return null;
				}
				this.at = resultEnd;
			}
			else {
				return null;
			}
			if (!skipSpace()) {
				return null;
			}
		}
		while (this.bytes[this.at++] == ',');
		if (this.bytes[this.at - 1] != '}' || !version || (skipSpace() && this.at < this.end)) {
			return null;
		}
		if (method != null && params >= 0 && result < 0) {
			Value value = read(sink.paramsReader(method), params, paramsEnd);
			return (value != null) ? new Message.Call(method, value, id, Map.of()) : null;
		}
		if (method == null && params < 0 && result >= 0 && id != null) {
			Value value = read(sink.resultReader(id), result, resultEnd);
			return (value != null) ? new Message.Reply(id, value) : null;
		}
		return null;
	}

	/** Moves past JSON white space; returns whether bytes remain. */
	private boolean skipSpace() {
		while (this.at < this.end) {
			byte b = this.bytes[this.at];
			if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
				return true;
			}
			this.at++;
		}
		return false;
	}

	/** Returns whether the given bytes come next. */
	private boolean startsWith(byte[] expected) {
		return this.end - this.at >= expected.length
				&& Arrays.equals(this.bytes, this.at, this.at + expected.length, expected, 0, expected.length);
	}

	/** Moves past the given bytes if they come next; returns whether they did. */
	private boolean skip(byte[] expected) {
		if (!startsWith(expected)) {
			return false;
		}
		this.at += expected.length;
		return true;
	}

	private boolean is(byte[] name, int from, int to) {
		if (to - from != name.length) {
			return false;
		}
		for (int i = 0; i < name.length; i++) {
			if (this.bytes[from + i] != name[i]) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Returns where a string's closing quote is, given where its content starts, if it is plain:
	 * printable ASCII without escapes; else {@code -1}.
	 */
	private int plainStringEnd(int from) {
		for (int i = from; i < this.end; i++) {
			byte b = this.bytes[i];
			if (b == '"') {
				return i;
			}
			if (b < 0x20 || b == '\\') {
				// also every byte of a multi-byte character, which is negative
				return -1;
			}
		}
		return -1;
	}

	/**
	 * Moves past a plain string at the current position; returns where its closing quote is, or
	 * {@code -1}, and then stays where it was.
	 */
	private int skipPlainString() {
		if (this.bytes[this.at] != '"') {
			return -1;
		}
		int end = plainStringEnd(this.at + 1);
		if (end >= 0) {
			this.at = end + 1;
		}
		return end;
	}

	/**
	 * Reads a method name whose content starts at {@code from} and moves past its closing quote;
	 * returns {@code null} if it is not plain, is empty, or names the security header.
	 */
	private @Nullable String methodName(int from) {
		int to = plainStringEnd(from);
		if (to <= from) {
			return null;
		}
		this.at = to + 1;
		String name = this.methods.name(this.bytes, from, to);
		return name.equals(SecurityHeaders.METHOD) ? null : name;
	}

	/** Reads a plain string at the current position, or returns {@code null}. */
	private @Nullable String plainString() {
		int from = this.at + 1;
		int to = skipPlainString();
		return (to < 0) ? null : new String(this.bytes, from, to - from, StandardCharsets.ISO_8859_1);
	}

	/**
	 * Reads an id: a plain string, or an integer other than zero that a long holds; else
	 * {@code null}, leaving the position where it was.
	 */
	private @Nullable RequestId id() {
		if (this.bytes[this.at] == '"') {
			String text = plainString();
			return (text != null) ? RequestId.of(text) : null;
		}
		int from = this.at;
		int i = from;
		boolean negative = this.bytes[i] == '-';
		if (negative) {
			i++;
		}
		int digits = i;
		long value = 0;
		while (i < this.end && this.bytes[i] >= '0' && this.bytes[i] <= '9') {
			value = value * 10 + (this.bytes[i] - '0');
			i++;
		}
		int count = i - digits;
		if (count == 0 || count > MAX_ID_DIGITS || this.bytes[digits] == '0' || (i < this.end && !endsNumber(this.bytes[i]))) {
			return null;
		}
		this.at = i;
		return RequestId.of(negative ? -value : value);
	}

	private static boolean endsNumber(byte b) {
		return b == ',' || b == '}' || b == ' ' || b == '\t' || b == '\r' || b == '\n';
	}

	/**
	 * Returns where the value that starts at {@code from} ends, just after its last byte;
	 * {@code -1} if the frame ends first.
	 * @param last whether only the id may follow the value, as far as the members read so far
	 * tell: its end is then looked for from the frame's end first
	 * @param idMayFollow whether the id may follow, not having been read yet
	 */
	private int valueEnd(int from, boolean last, boolean idMayFollow) {
		int end = last ? lastValueEnd(from, idMayFollow) : -1;
		return (end >= 0) ? end : valueEnd(from);
	}

	/**
	 * Returns where the value that starts at {@code from} ends if the frame holds nothing after
	 * it but its closing brace, or an id then the brace, as JSON-RPC frames are written; else
	 * {@code -1}. Read backwards over a few bytes, instead of forwards over the whole value. A
	 * guess that is wrong, where the frame holds something else, is caught where the value is
	 * read: its bytes are then not one whole value.
	 */
	private int lastValueEnd(int from, boolean idMayFollow) {
		int i = lastByte(this.end - 1, from);
		if (i < 0 || this.bytes[i] != '}') {
			return -1;
		}
		i = lastByte(i - 1, from);
		int comma = (i < 0 || !idMayFollow) ? -1 : idMemberStart(i, from);
		if (comma >= 0) {
			i = lastByte(comma - 1, from);
		}
		if (i < 0) {
			return -1;
		}
		byte first = this.bytes[from];
		byte last = this.bytes[i];
		boolean fits = (first == '{') ? last == '}' : (first == '[') ? last == ']'
				: (first == '"') ? last == '"' && i > from : last != '}' && last != ']' && last != '"';
		return fits ? i + 1 : -1;
	}

	/**
	 * Returns where the comma before an {@code "id"} member is, given where the member's value,
	 * an integer or a plain string, ends; {@code -1} if the bytes before it are not such a member.
	 */
	private int idMemberStart(int valueLast, int from) {
		int i = valueLast;
		if (this.bytes[i] == '"') {
			i--;
			while (i > from && this.bytes[i] != '"') {
				if (this.bytes[i] == '\\' || this.bytes[i] < 0x20) {
					return -1;
				}
				i--;
			}
			i--;
		}
		else if (this.bytes[i] >= '0' && this.bytes[i] <= '9') {
			while (i > from && this.bytes[i] >= '0' && this.bytes[i] <= '9') {
				i--;
			}
			if (this.bytes[i] == '-') {
				i--;
			}
		}
		else {
			return -1;
		}
		i = lastByte(i, from);
		if (i < 0 || this.bytes[i] != ':') {
			return -1;
		}
		i = lastByte(i - 1, from);
		if (i - 3 <= from || this.bytes[i] != '"' || this.bytes[i - 1] != 'd' || this.bytes[i - 2] != 'i'
				|| this.bytes[i - 3] != '"') {
			return -1;
		}
		i = lastByte(i - 4, from);
		return (i >= 0 && this.bytes[i] == ',') ? i : -1;
	}

	/** Returns where the last byte that is not white space is, at or before {@code at} and after {@code from}; else {@code -1}. */
	private int lastByte(int at, int from) {
		for (int i = at; i > from; i--) {
			byte b = this.bytes[i];
			if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
				return i;
			}
		}
		return -1;
	}

	/** Returns where the value that starts at {@code from} ends, just after its last byte; {@code -1} if the frame ends first. */
	private int valueEnd(int from) {
		byte first = this.bytes[from];
		if (first == '{' || first == '[') {
			return structureEnd(from);
		}
		if (first == '"') {
			return stringEnd(from + 1);
		}
		int to = literalEnd(from);
		return (to > from) ? to : -1;
	}

	/**
	 * Reads a value with the reader, from its own bytes; returns {@code null} if they are not one
	 * whole value.
	 */
	private @Nullable Value read(ValueReader reader, int from, int to) {
		byte first = this.bytes[from];
		byte[] bytes = this.bytes;
		int start = from;
		int length = to - from;
		if (first != '{' && first != '[' && first != '"') {
			// a number or literal, which ends where something else starts: given a space to end at
			bytes = Arrays.copyOfRange(this.bytes, from, to + 1);
			bytes[length] = ' ';
			start = 0;
			length++;
		}
		try (FrameParser parser = FrameParser.open(this.json, bytes, start, length)) {
			parser.firstToken();
			Value value = reader.read(parser.parser());
			// the depth was not counted if the value's end was found from the frame's end
			return (parser.endsAfterValue() && parser.deepest() <= MAX_DEPTH) ? value : null;
		}
	}

	/** Returns where a string ends, just after its closing quote, given where its content starts; {@code -1} if the frame ends first. */
	private int stringEnd(int from) {
		int i = from;
		while (i < this.end && this.bytes[i] != '"') {
			i += (this.bytes[i] == '\\') ? 2 : 1;
		}
		return (i < this.end) ? i + 1 : -1;
	}

	/** Returns where a number or a literal such as {@code true} ends. */
	private int literalEnd(int from) {
		int i = from;
		while (i < this.end && !endsNumber(this.bytes[i]) && this.bytes[i] != ']') {
			i++;
		}
		return i;
	}

	/**
	 * Returns where the object or array that starts at {@code from} ends, just after its last
	 * byte, by counting brackets outside strings; {@code -1} if the frame ends first or the value
	 * is nested deeper than {@link #MAX_DEPTH}. The parser checks the rest.
	 */
	private int structureEnd(int from) {
		int depth = 0;
		for (int i = from; i < this.end; i++) {
			byte b = this.bytes[i];
			if (b == '"') {
				i = stringEnd(i + 1) - 1;
				if (i < 0) {
					return -1;
				}
			}
			else if (b == '{' || b == '[') {
				if (++depth > MAX_DEPTH) {
					return -1;
				}
			}
			else if ((b == '}' || b == ']') && --depth == 0) {
				return i + 1;
			}
		}
		return -1;
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
