package io.quickrpc.codec;

import tools.jackson.core.JsonParser;

/**
 * Reads one JSON value straight from a codec's parser, as a {@link Codec.Sink} wants it: into the
 * declared Java types of a method's parameters, for example. Must be safe for concurrent use.
 */
@FunctionalInterface
public interface ValueReader {

	/**
	 * Reads the value whose first token is the parser's current token, to its last token.
	 * A value that is well-formed JSON but does not fit what the reader expects is not an error
	 * here: the reader keeps the problem in the value it returns, to be answered later.
	 * @param parser the parser, on the value's first token
	 * @return the value
	 * @throws tools.jackson.core.JacksonException if the JSON itself is malformed
	 */
	Value read(JsonParser parser);

}
