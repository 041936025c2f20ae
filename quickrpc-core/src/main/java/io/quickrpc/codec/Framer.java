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

}
