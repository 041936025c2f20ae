package io.quickrpc.codec;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Cuts frames that end with a delimiter, such as jrpc's NUL, scanning each byte once: it
 * remembers how far it got in a frame that has not ended yet.
 */
final class DelimiterFramer implements Framer {

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

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
			int offset = in.arrayOffset();
			int found = indexOf(in.array(), first, from + offset, last + offset);
			return (found < 0) ? -1 : found - offset;
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

	/**
	 * Returns the index of the first {@code value} in {@code array} from {@code from} to
	 * {@code last} inclusive, or -1: eight bytes at a time, where a byte equal to the value is
	 * found as a zero byte of the word XOR the value repeated.
	 */
	static int indexOf(byte[] array, byte value, int from, int last) {
		long pattern = (value & 0xFFL) * 0x0101010101010101L;
		int i = from;
		for (; i + Long.BYTES - 1 <= last; i += Long.BYTES) {
			long word = (long) LONGS.get(array, i) ^ pattern;
			long zeros = (word - 0x0101010101010101L) & ~word & 0x8080808080808080L;
			if (zeros != 0) {
				return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
			}
		}
		for (; i <= last; i++) {
			if (array[i] == value) {
				return i;
			}
		}
		return -1;
	}

}
