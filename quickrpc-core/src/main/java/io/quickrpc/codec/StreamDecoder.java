package io.quickrpc.codec;

import java.nio.ByteBuffer;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.quickrpc.RemoteException;

/**
 * Reads one stream of a codec's bytes, as a transport delivers them: cuts frames with the codec's
 * {@link Framer}, decodes each, and pairs each security header with the message after it, for
 * every codec alike. Keeps what it needs between reads; not safe for concurrent use.
 */
public final class StreamDecoder {

	private final Codec codec;

	private final Framer framer;

	private @Nullable Map<String, String> header;

	private final Frames frames = new Frames();

	/**
	 * Creates the decoder of one stream.
	 * @param codec the codec of the stream
	 */
	public StreamDecoder(Codec codec) {
		this.codec = codec;
		this.framer = codec.framer();
	}

	/**
	 * Decodes every complete frame in {@code in}, from its position on, and leaves the position
	 * after the last one: what remains is the start of a frame, to be passed again with the bytes
	 * that follow. Never throws: a bad frame is reported, and the next frame is read.
	 * @param in the received bytes
	 * @param sink receives messages, with the security information sent ahead of them, and bad
	 * frames, in stream order
	 */
	public void decode(ByteBuffer in, Sink sink) {
		Sink previous = this.frames.to(sink);
		try {
			int length;
			while ((length = this.framer.frameLength(in)) != Framer.INCOMPLETE) {
				int start = in.position();
				ByteBuffer frame = in.slice(start, length);
				in.position(start + length + this.framer.delimiterLength());
				this.codec.decode(frame, this.frames);
			}
		}
		finally {
			this.frames.to(previous);
		}
	}

	/**
	 * Decodes one whole frame, without its delimiter, as a transport that carries one frame per
	 * message delivers it; a security header pairs with the frame that follows, as in a stream.
	 * Never throws.
	 * @param frame the frame, read to its limit
	 * @param sink receives the message or the problem
	 */
	public void decodeFrame(ByteBuffer frame, Sink sink) {
		ByteBuffer whole = frame.slice();
		frame.position(frame.limit());
		Sink previous = this.frames.to(sink);
		try {
			this.codec.decode(whole, this.frames);
		}
		finally {
			this.frames.to(previous);
		}
	}

	/**
	 * Receives what {@link StreamDecoder#decode(ByteBuffer, Sink)} found.
	 */
	public interface Sink extends Codec.Readers {

		/**
		 * Called for each decoded message.
		 * @param message the message
		 * @param securityInfo the security information sent ahead of it, empty if none
		 * @param payload the frame as received, for the security provider to check; valid only
		 * during this call
		 */
		void message(Message message, Map<String, String> securityInfo, ByteBuffer payload);

		/**
		 * Called for each frame that could not be decoded.
		 * @param problem what was wrong, with the error code and the id to answer, if any
		 */
		void invalid(InvalidMessageException problem);

	}

	/**
	 * Pairs headers with messages, for the sink of the current call of
	 * {@link #decode(ByteBuffer, Sink)}.
	 */
	private final class Frames implements Codec.Sink {

		/** The current call's sink; {@code null} between calls. */
		private @Nullable Sink sink;

		/** Sets the sink, and returns the one before: a sink may make the transport deliver again. */
		@Nullable Sink to(@Nullable Sink sink) {
			Sink previous = this.sink;
			this.sink = sink;
			return previous;
		}

		@Override
		public ValueReader paramsReader(String method) {
			return this.sink.paramsReader(method);
		}

		@Override
		public ValueReader resultReader(RequestId id) {
			return this.sink.resultReader(id);
		}

		@Override
		public ValueReader dataReader() {
			return this.sink.dataReader();
		}

		@Override
		public void message(Message message, ByteBuffer payload) {
			Map<String, String> header = StreamDecoder.this.header;
			StreamDecoder.this.header = null;
			this.sink.message(message, (header != null) ? header : Map.of(), payload);
		}

		@Override
		public void header(Map<String, String> securityInfo) {
			if (StreamDecoder.this.header != null) {
				this.sink.invalid(new InvalidMessageException(RemoteException.INVALID_REQUEST, null,
						"a security header was followed by another security header instead of a message"));
			}
			StreamDecoder.this.header = securityInfo;
		}

		@Override
		public void invalid(InvalidMessageException problem) {
			StreamDecoder.this.header = null;
			this.sink.invalid(problem);
		}

	}

}
