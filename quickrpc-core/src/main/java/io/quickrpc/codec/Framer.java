package io.quickrpc.codec;

import java.nio.ByteBuffer;

/**
 * Cuts one stream of bytes into frames, before anything is parsed. It remembers how far it has
 * scanned, so the bytes of a frame that is not complete yet are scanned once, however many reads
 * it takes to arrive. Not safe for concurrent use: one framer reads one stream.
 */
public interface Framer {

	/** What {@link #frameLength(ByteBuffer)} returns while the frame is not complete yet. */
	int INCOMPLETE = -1;

	/**
	 * Finds the end of the frame that starts at the buffer's position. Between calls that find no
	 * frame, the caller keeps the bytes from that position and appends those that arrive.
	 * @param in the received bytes, from the start of the frame
	 * @return the frame's length without its delimiter, or {@link #INCOMPLETE}
	 */
	int frameLength(ByteBuffer in);

	/**
	 * Returns the length of the delimiter that ends the frame just found, to skip with it.
	 * @return the delimiter's length, possibly 0
	 */
	int delimiterLength();

	/**
	 * Cuts bytes that an encoder wrote, whole frames each followed by its delimiter, into their
	 * frames, for a transport that sends each frame as a message of its own. A last part that no
	 * delimiter ends is handed on as it is; the framer is then inside a frame, and cuts nothing
	 * more that is to start afresh.
	 * @param data the bytes, from the start of a frame
	 * @param frames receives each frame, without its delimiter
	 * @return whether the bytes ended with a delimiter, leaving the framer between frames
	 */
	default boolean split(byte[] data, FrameHandler frames) {
		ByteBuffer in = ByteBuffer.wrap(data);
		int length;
		while (in.hasRemaining() && (length = frameLength(in)) != INCOMPLETE) {
			frames.frame(in.position(), length);
			in.position(in.position() + length + delimiterLength());
		}
		if (in.hasRemaining()) {
			frames.frame(in.position(), in.remaining());
			return false;
		}
		return true;
	}

	/** Receives the frames {@link #split(byte[], FrameHandler)} finds. */
	@FunctionalInterface
	interface FrameHandler {

		/**
		 * Receives one frame.
		 * @param offset where in the split bytes the frame starts
		 * @param length its length, without its delimiter
		 */
		void frame(int offset, int length);

	}

}
