package io.quickrpc.convert;

import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;

/**
 * Reads values of one Java type straight from a codec's parser and writes them straight into its
 * generator. An endpoint finds a converter for every parameter and result type of its API once,
 * when it is built, asking its {@link Factory factories} in order: the first that accepts the
 * type wins, and Jackson's ({@link JacksonConverterFactory}) accepts every type, last.
 * Must be safe for concurrent use.
 *
 * @param <T> the Java type
 */
public interface Converter<T> {

	/**
	 * Reads the value whose first token is the parser's current token, to its last token.
	 * @param parser the parser, on the value's first token
	 * @return the value
	 * @throws tools.jackson.core.exc.StreamReadException if the JSON is malformed
	 * @throws RuntimeException if the JSON is well-formed but does not fit the type
	 */
	@Nullable T read(JsonParser parser);

	/**
	 * Writes a value as one JSON value; {@code byte[]} as {@link JsonGenerator#writeBinary(byte[])}
	 * or {@code {"__bytes": "<base64>"}}.
	 * @param generator where to write
	 * @param value the value, or {@code null}
	 */
	void write(JsonGenerator generator, @Nullable T value);

	/**
	 * Makes converters for the types it knows.
	 */
	interface Factory {

		/**
		 * Returns a converter for a type, or {@code null} if this factory does not convert it.
		 * @param type the declared type, with its generic arguments
		 * @return the converter, or {@code null}
		 */
		@Nullable Converter<?> converter(Type type);

	}

}
