package io.quickrpc.codec;

import java.nio.ByteBuffer;

/**
 * Cuts frames that end with a delimiter, such as jrpc's NUL, scanning each byte once: it
 * remembers how far it got in a frame that has not ended yet.
 */
final class DelimiterFramer implements Framer {

	private final byte[] delimiter;

	/** How many bytes from the buffer's position were scanned without finding the delimiter. */
	private int scanned;

	DelimiterFramer(byte[] delimiter) {
		this.delimiter = delimiter;
	}

	@Override
	public int frameLength(ByteBuffer in) {
		if (this.scanned > in.remaining()) {
			// not the bytes scanned before: a stream that starts again
			this.scanned = 0;
		}
		int resume = Math.max(0, this.scanned - (this.delimiter.length - 1));
		int end = indexOfDelimiter(in, in.position() + resume);
		if (end < 0) {
			this.scanned = in.remaining();
			return INCOMPLETE;
		}
		this.scanned = 0;
		return end - in.position();
	}

	@Override
	public int delimiterLength() {
		return this.delimiter.length;
	}

	private int indexOfDelimiter(ByteBuffer in, int from) {
		byte first = this.delimiter[0];
		int last = in.limit() - this.delimiter.length;
		if (in.hasArray() && this.delimiter.length == 1) {
			// the common case, scanned in the array: several times faster than ByteBuffer.get(i)
			byte[] array = in.array();
			int offset = in.arrayOffset();
			for (int i = from + offset, end = last + offset; i <= end; i++) {
				if (array[i] == first) {
					return i - offset;
				}
			}
			return -1;
		}
		outer: for (int i = from; i <= last; i++) {
			if (in.get(i) != first) {
				continue;
			}
			for (int j = 1; j < this.delimiter.length; j++) {
				if (in.get(i + j) != this.delimiter[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

}
