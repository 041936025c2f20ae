package io.quickrpc.codec;

import java.nio.ByteBuffer;
import java.util.Map;

import io.quickrpc.security.Security;

/**
 * Turns {@link Message}s into frames of bytes and back. A codec is stateless and must be safe for
 * concurrent use: what a stream needs between reads is kept by its {@link Framer} and by the
 * {@link StreamDecoder} that reads the stream.
 */
public interface Codec {

	/**
	 * Encodes one message, ready to be sent: its frame, preceded by the frame of its security
	 * header when the security provider returns security information for the payload.
	 * @param message the message
	 * @param security the security provider that signs the payload
	 * @return the bytes to send
	 */
	byte[] encode(Message message, Security security);

	/**
	 * Returns a new framer, which cuts one stream of this codec's bytes into frames.
	 * @return the framer, for one stream
	 */
	Framer framer();

	/**
	 * Decodes one frame, as the {@link #framer()} cut it, without its delimiter. Never throws: a
	 * bad frame is reported to {@link Sink#invalid(InvalidMessageException)}.
	 * @param frame the frame
	 * @param sink receives what the frame holds: usually one message, a security header, or one
	 * report of a bad frame
	 */
	void decode(ByteBuffer frame, Sink sink);

	/**
	 * Says how to read the values of messages: a codec asks for a reader as soon as it knows
	 * what a value belongs to, so that the value is read once, straight into what the receiver
	 * wants.
	 */
	interface Readers {

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

	}

	/**
	 * Receives what {@link #decode(ByteBuffer, Sink)} found in one frame.
	 */
	interface Sink extends Readers {

		/**
		 * Called for a decoded message.
		 * @param message the message
		 * @param payload the frame as received, for the security provider to check; valid only
		 * during this call
		 */
		void message(Message message, ByteBuffer payload);

		/**
		 * Called for a security header: the security information of the frame that follows.
		 * @param securityInfo the security information
		 */
		void header(Map<String, String> securityInfo);

		/**
		 * Called for a frame that could not be decoded.
		 * @param problem what was wrong, with the error code and the id to answer, if any
		 */
		void invalid(InvalidMessageException problem);

	}

}
