package io.quickrpc.codec;

import java.nio.ByteBuffer;
import java.util.Map;

import io.quickrpc.security.Security;

/**
 * Turns {@link Message}s into bytes and back. A codec is stateless and must be safe for
 * concurrent use: what is left of a stream between reads is kept by the transport.
 */
public interface Codec {

	/**
	 * Encodes one message, ready to be sent. When the security provider returns security
	 * information for the encoded payload, it is sent ahead of the payload as the codec's
	 * security header.
	 * @param message the message
	 * @param security the security provider that signs the payload
	 * @return the bytes to send
	 */
	byte[] encode(Message message, Security security);

	/**
	 * Decodes every complete message in {@code in}, from its position on, and leaves the
	 * position after the last one: the bytes that remain are an incomplete tail, to be passed
	 * again with the bytes that follow. Never throws: a bad frame is reported to
	 * {@link Sink#invalid(InvalidMessageException)} and decoding goes on after it.
	 * @param in the received bytes
	 * @param sink receives messages and bad frames in stream order
	 */
	void decode(ByteBuffer in, Sink sink);

	/**
	 * Receives what {@link #decode(ByteBuffer, Sink)} found, and says how to read the values of
	 * messages: the codec asks for a reader as soon as it knows what a value belongs to, so that
	 * the value is read once, straight into what the receiver wants.
	 */
	interface Sink {

		/**
		 * Returns how to read the params of a call.
		 * @param method the method called
		 * @return the reader
		 */
		ValueReader paramsReader(String method);

		/**
		 * Returns how to read the result of a reply.
		 * @param id the id of the request it answers
		 * @return the reader
		 */
		ValueReader resultReader(RequestId id);

		/**
		 * Returns how to read the {@code data} of an error reply.
		 * @return the reader
		 */
		ValueReader dataReader();

		/**
		 * Called for each decoded message.
		 * @param message the message
		 * @param securityInfo the security information sent ahead of it, empty if none
		 * @param payload the encoded message as received, for the security provider to check;
		 * valid only during this call
		 */
		void message(Message message, Map<String, String> securityInfo, ByteBuffer payload);

		/**
		 * Called for each frame that could not be decoded.
		 * @param problem what was wrong, with the error code and request id, if known
		 */
		void invalid(InvalidMessageException problem);

	}

}
