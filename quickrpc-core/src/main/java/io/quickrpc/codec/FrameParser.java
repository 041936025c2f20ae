package io.quickrpc.codec;

import java.nio.ByteBuffer;

import org.jspecify.annotations.Nullable;

import io.netty.util.concurrent.FastThreadLocal;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.SerializableString;
import tools.jackson.core.async.ByteArrayFeeder;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.sym.PropertyNameMatcher;
import tools.jackson.core.util.JsonParserDelegate;

/**
 * A JSON parser per thread, kept from one frame to the next: a non-blocking parser is fed each
 * whole frame, so the cost of creating and closing a parser (buffers, encoding detection, symbol
 * table) is paid once per thread instead of once per frame. A parser that stopped anywhere but
 * between two values (a malformed or truncated frame, data after the value) is dropped, and so is
 * one that has read {@link #RENEW_AFTER_BYTES}, which bounds its table of property names. Virtual
 * threads and nested use get a parser of their own.
 */
final class FrameParser implements AutoCloseable {

	static final long RENEW_AFTER_BYTES = 4L * 1024 * 1024;

	private static final byte[] NO_BYTES = {};

	private static final FastThreadLocal<FrameParser> PARSERS = new FastThreadLocal<>();

	private final JsonFactory json;

	private final JsonParser input;

	private final JsonParser parser;

	private final boolean kept;

	/** Bytes fed before the current frame. */
	private long fed;

	private byte[] bytes = NO_BYTES;

	private int offset;

	private int frameLength;

	private boolean inUse;

	/** Whether the parser stands between two values and can take the next frame. */
	private boolean clean = true;

	/** Whether the parser was told that the frame's input ends, which it cannot take back. */
	private boolean ended;

	/** How many objects and arrays are open where the parser is now. */
	private int depth;

	/** The most objects and arrays open at once so far in the frame. */
	private int deepest;

	private FrameParser(JsonFactory json, boolean kept) {
		this.json = json;
		this.kept = kept;
		this.input = json.createNonBlockingByteArrayParser(ObjectReadContext.empty());
		this.parser = new WholeFrame();
	}

	/**
	 * Returns a parser positioned before the first token of a frame.
	 * @param json the factory, which must be the same for every call on a thread to reuse its parser
	 * @param frame the whole frame, from its position to its limit
	 */
	static FrameParser open(JsonFactory json, ByteBuffer frame) {
		if (frame.hasArray()) {
			return open(json, frame.array(), frame.arrayOffset() + frame.position(), frame.remaining());
		}
		byte[] bytes = new byte[frame.remaining()];
		frame.duplicate().get(bytes);
		return open(json, bytes, 0, bytes.length);
	}

	/**
	 * Returns a parser positioned before the first token of a frame.
	 * @param json the factory, which must be the same for every call on a thread to reuse its parser
	 * @param bytes holds the whole frame, left as it is
	 * @param offset where the frame starts
	 * @param length the frame's length
	 */
	static FrameParser open(JsonFactory json, byte[] bytes, int offset, int length) {
		FrameParser frameParser;
		if (VirtualThreads.isCurrent()) {
			frameParser = new FrameParser(json, false);
		}
		else {
			frameParser = PARSERS.get();
			if (frameParser == null || frameParser.json != json || frameParser.inUse) {
				boolean keep = frameParser == null || !frameParser.inUse;
				frameParser = new FrameParser(json, keep);
				if (keep) {
					PARSERS.set(frameParser);
				}
			}
		}
		frameParser.feed(bytes, offset, length);
		return frameParser;
	}

	private void feed(byte[] bytes, int offset, int length) {
		this.bytes = bytes;
		this.offset = offset;
		this.inUse = true;
		this.clean = false;
		this.depth = 0;
		this.deepest = 0;
		this.frameLength = length;
		((ByteArrayFeeder) this.input.nonBlockingInputFeeder()).feedInput(this.bytes, this.offset,
				this.offset + this.frameLength);
	}

	/**
	 * Returns the text of the parser's current number as it was written.
	 * @param parser a parser of a frame, or any other
	 */
	static String numberText(JsonParser parser) {
		return (parser instanceof WholeFrame frame) ? frame.numberText() : parser.getString();
	}

	/** The parser of the frame's value, which fails where the frame ends before the value does. */
	JsonParser parser() {
		return this.parser;
	}

	/** Returns how deep the values read so far were nested: 1 for an object or array of scalars. */
	int deepest() {
		return this.deepest;
	}

	/** Returns the first token of the frame. */
	JsonToken firstToken() {
		return this.parser.nextToken();
	}

	/**
	 * Whether the frame holds nothing but white space after the value just read; reads a value
	 * that is not a structure to its end first.
	 */
	boolean endsAfterValue() {
		JsonToken last = this.input.currentToken();
		// a value the parser has read to its end without being told that the input ends, such as a
		// string or a number followed by a space, leaves it able to take the next frame
		if (this.ended || last == null || last.isStructStart() || last == JsonToken.PROPERTY_NAME) {
			this.input.nonBlockingInputFeeder().endOfInput();
			this.parser.skipChildren();
			this.input.finishToken();
			return this.input.nextToken() == null;
		}
		// where the parser stopped: just after the value's last byte
		long end = this.input.currentLocation().getByteOffset() - this.fed;
		for (long i = end; i < this.frameLength; i++) {
			byte b = this.bytes[this.offset + (int) i];
			if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
				return false;
			}
		}
		// consumes the white space, leaving the parser between two values
		this.clean = this.input.nextToken() == JsonToken.NOT_AVAILABLE;
		return true;
	}

	@Override
	public void close() {
		this.inUse = false;
		this.bytes = NO_BYTES;
		this.fed += this.frameLength;
		if (!this.kept || !this.clean || this.fed > RENEW_AFTER_BYTES) {
			this.input.close();
			if (this.kept && PARSERS.get() == this) {
				PARSERS.remove();
			}
		}
	}

	/**
	 * The non-blocking parser seen as a blocking one over a whole frame: where it would wait for
	 * more input, the frame ended inside a value, which is an error. Every way of moving on goes
	 * through {@link #nextToken()}.
	 */
	private final class WholeFrame extends JsonParserDelegate {

		WholeFrame() {
			super(FrameParser.this.input);
		}

		@Override
		public JsonToken nextToken() {
			JsonToken token = this.delegate.nextToken();
			if (token == JsonToken.NOT_AVAILABLE) {
				// the frame is all there is: a number at its end ends there, anything else is cut short
				FrameParser.this.ended = true;
				this.delegate.nonBlockingInputFeeder().endOfInput();
				token = this.delegate.nextToken();
				if (token == null) {
					throw new StreamReadException(this, "the frame ends inside a JSON value");
				}
			}
			FrameParser frame = FrameParser.this;
			if (token.isStructStart()) {
				frame.deepest = Math.max(frame.deepest, ++frame.depth);
			}
			else if (token.isStructEnd()) {
				frame.depth--;
			}
			return token;
		}

		/**
		 * The current number as written: the non-blocking parser reads the integer -0 as "0", so
		 * the sign of a zero is looked up in the frame, just before where the parser stopped.
		 */
		String numberText() {
			String text = this.delegate.getString();
			if (!text.equals("0")) {
				return text;
			}
			FrameParser frame = FrameParser.this;
			long stop = Math.min(this.delegate.currentLocation().getByteOffset() - frame.fed, frame.frameLength);
			for (long at = stop - 1; at > 0 && at >= stop - 3; at--) {
				if (frame.bytes[frame.offset + (int) at] == '0') {
					return (frame.bytes[frame.offset + (int) at - 1] == '-') ? "-0" : "0";
				}
			}
			return text;
		}

		@Override
		public JsonToken nextValue() {
			JsonToken token = nextToken();
			return (token == JsonToken.PROPERTY_NAME) ? nextToken() : token;
		}

		@Override
		public @Nullable String nextName() {
			return (nextToken() == JsonToken.PROPERTY_NAME) ? currentName() : null;
		}

		@Override
		public boolean nextName(SerializableString name) {
			return (nextToken() == JsonToken.PROPERTY_NAME) && name.getValue().equals(currentName());
		}

		@Override
		public int nextNameMatch(PropertyNameMatcher matcher) {
			JsonToken token = nextToken();
			if (token == JsonToken.PROPERTY_NAME) {
				return matcher.matchName(currentName());
			}
			return (token == JsonToken.END_OBJECT) ? PropertyNameMatcher.MATCH_END_OBJECT
					: PropertyNameMatcher.MATCH_ODD_TOKEN;
		}

		@Override
		public JsonParser skipChildren() {
			JsonToken token = currentToken();
			if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
				return this;
			}
			int open = 1;
			while (open > 0) {
				token = nextToken();
				if (token.isStructStart()) {
					open++;
				}
				else if (token.isStructEnd()) {
					open--;
				}
			}
			return this;
		}

	}

}
