package io.quickrpc.codec;

import java.util.Objects;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JsonGenerator;

/**
 * The id of a request, kept exactly as its caller wrote it, so that the reply carries it back
 * with the same JSON type and value: a string, a number (any JSON number, kept as written) or
 * {@code null}. A call without an id is a notification, and has no {@code RequestId} at all.
 * <p>
 * quickrpc numbers its own requests from 1; other JSON-RPC 2.0 clients may use any id.
 */
public final class RequestId {

	private static final Pattern JSON_NUMBER = Pattern.compile("-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?");

	private static final Pattern LONG = Pattern.compile("-?(?:0|[1-9][0-9]{0,18})");

	private static final RequestId NULL = new RequestId(Kind.NULL, null, 0);

	private enum Kind {

		NUMBER, STRING, NULL

	}

	private final Kind kind;

	/** The number as written, or the string's value; {@code null} for a {@code long}, written from {@link #number}. */
	private final @Nullable String text;

	private final long number;

	private RequestId(Kind kind, @Nullable String text, long number) {
		this.kind = kind;
		this.text = text;
		this.number = number;
	}

	/**
	 * Returns a numeric id.
	 * @param number the number
	 * @return the id
	 */
	public static RequestId of(long number) {
		return new RequestId(Kind.NUMBER, null, number);
	}

	/**
	 * Returns a string id.
	 * @param string the string
	 * @return the id
	 */
	public static RequestId of(String string) {
		return new RequestId(Kind.STRING, string, 0);
	}

	/**
	 * Returns a numeric id written as {@code literal}, such as {@code 1.50} or
	 * {@code 123456789012345678901234567890}, which the reply repeats character for character.
	 * @param literal a number as JSON writes it
	 * @return the id
	 * @throws IllegalArgumentException if {@code literal} is not a JSON number
	 */
	public static RequestId ofNumber(String literal) {
		if (!JSON_NUMBER.matcher(literal).matches()) {
			throw new IllegalArgumentException("'" + literal + "' is not a JSON number; pass a number such as 3 "
					+ "or 1.5, or use RequestId.of(String) for a string id");
		}
		if (LONG.matcher(literal).matches() && !literal.equals("-0")) {
			try {
				return of(Long.parseLong(literal));
			}
			catch (NumberFormatException ex) {
				// 19 digits beyond Long.MAX_VALUE: kept as written, like any other number
			}
		}
		return new RequestId(Kind.NUMBER, literal, 0);
	}

	/**
	 * Returns the {@code null} id: the id of an error reply to a request whose id could not be
	 * read, and an id a caller may give a request.
	 * @return the null id
	 */
	public static RequestId nullId() {
		return NULL;
	}

	/**
	 * Returns whether this is a number.
	 * @return whether this id is numeric
	 */
	public boolean isNumber() {
		return this.kind == Kind.NUMBER;
	}

	/**
	 * Returns whether this is a string.
	 * @return whether this id is a string
	 */
	public boolean isString() {
		return this.kind == Kind.STRING;
	}

	/**
	 * Returns whether this is the {@code null} id.
	 * @return whether this id is {@code null}
	 */
	public boolean isNull() {
		return this.kind == Kind.NULL;
	}

	/**
	 * Returns whether this is an integer that {@link #longValue()} returns exactly, as written
	 * ({@code 3}, not {@code 3.0} nor {@code -0}).
	 * @return whether this id is a {@code long}
	 */
	public boolean isLong() {
		return this.kind == Kind.NUMBER && this.text == null;
	}

	/**
	 * Returns the number of an id for which {@link #isLong()} is true.
	 * @return the number
	 * @throws IllegalStateException if this id is not a {@code long}
	 */
	public long longValue() {
		if (!isLong()) {
			throw new IllegalStateException("request id " + this + " is not an integer within the range of long");
		}
		return this.number;
	}

	/**
	 * Returns the string of a string id, or the number as written.
	 * @return the text of this id
	 * @throws IllegalStateException for the {@code null} id
	 */
	public String text() {
		if (this.kind == Kind.NULL) {
			throw new IllegalStateException("the null request id has no text");
		}
		return (this.text != null) ? this.text : Long.toString(this.number);
	}

	/** Writes this id as a JSON value. */
	void write(JsonGenerator generator) {
		switch (this.kind) {
			case NUMBER -> {
				if (this.text == null) {
					generator.writeNumber(this.number);
				}
				else {
					generator.writeNumber(this.text);
				}
			}
			case STRING -> generator.writeString(text());
			default -> generator.writeNull();
		}
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof RequestId id && this.kind == id.kind && this.number == id.number
				&& Objects.equals(this.text, id.text);
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.kind, this.text, this.number);
	}

	/**
	 * Returns this id as JSON writes it: {@code 3}, {@code "abc"} or {@code null}.
	 * @return the JSON form
	 */
	@Override
	public String toString() {
		String text = (this.kind == Kind.NULL) ? "null" : text();
		if (this.kind != Kind.STRING) {
			return text;
		}
		StringBuilder out = new StringBuilder(text.length() + 2).append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '"' || c == '\\') {
				out.append('\\').append(c);
			}
			else if (c < 0x20) {
				out.append(String.format("\\u%04x", (int) c));
			}
			else {
				out.append(c);
			}
		}
		return out.append('"').toString();
	}

}
