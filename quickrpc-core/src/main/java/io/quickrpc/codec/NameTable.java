package io.quickrpc.codec;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The method names a codec read last, so that a frame's method name is matched by its bytes
 * instead of becoming a new {@link String} each time: the same instance comes back for the same
 * name, with its hash code already known to the maps that look it up. It holds at most
 * {@value #SIZE} names, each in the slot its hash picks, the newest winning: a peer that sends
 * ever new names costs what a table-less read costs, and no memory.
 * <p>
 * Safe for any number of threads: a slot holds an immutable entry, and a thread that misses
 * another's newest entry only makes one more {@link String}.
 */
final class NameTable {

	private static final int SIZE = 64;

	/** The longest name kept; longer ones are made each time. */
	private static final int MAX_LENGTH = 64;

	private final Entry[] entries = new Entry[SIZE];

	/**
	 * Returns the name held by the bytes, which must be printable ASCII.
	 * @param bytes holds the name
	 * @param from where it starts
	 * @param to just after where it ends
	 */
	String name(byte[] bytes, int from, int to) {
		int length = to - from;
		if (length > MAX_LENGTH) {
			return new String(bytes, from, length, StandardCharsets.ISO_8859_1);
		}
		int hash = 0;
		for (int i = from; i < to; i++) {
			hash = 31 * hash + bytes[i];
		}
		int slot = (hash ^ (hash >>> 16)) & (SIZE - 1);
		Entry entry = this.entries[slot];
		if (entry != null && Arrays.equals(entry.bytes, 0, entry.bytes.length, bytes, from, to)) {
			return entry.name;
		}
		String name = new String(bytes, from, length, StandardCharsets.ISO_8859_1);
		this.entries[slot] = new Entry(Arrays.copyOfRange(bytes, from, to), name);
		return name;
	}

	private record Entry(byte[] bytes, String name) {
	}

}
