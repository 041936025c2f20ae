package io.quickrpc.codec;

import tools.jackson.core.JsonGenerator;

/**
 * A JSON value that a message carries: the params of a call, the result of a reply, the data of
 * an error reply. A value to send writes itself straight into the codec's generator; a received
 * value is what the {@link ValueReader} that the {@link Codec.Sink} chose made of it, typically
 * the declared Java values already.
 */
public interface Value {

	/**
	 * Writes this value as one JSON value. Binary data is written with
	 * {@link JsonGenerator#writeBinary(byte[])} or as {@code {"__bytes": "<base64>"}}, which every
	 * codec writes in its own form.
	 * @param generator where to write it
	 */
	void writeTo(JsonGenerator generator);

}
