package io.quickrpc.codec;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.SerializableString;
import tools.jackson.core.io.SerializedString;

/**
 * The bytes that start a call of each method, <code>{"jsonrpc":"2.0","method":"name","params":</code>,
 * made once per method name and written as one piece: writing the envelope's members one by one
 * costs more than a small call's arguments. It holds at most {@value #SIZE} names, each in the
 * slot its hash picks, the newest winning; a name that needs escaping is not held, and its calls
 * are written member by member.
 * <p>
 * Safe for any number of threads: a slot holds an immutable entry, and a thread that misses
 * another's newest entry only makes it again.
 */
final class CallPrefixes {

	private static final int SIZE = 64;

	/** The longest name held; longer ones are written member by member. */
	private static final int MAX_LENGTH = 128;

	private final Entry[] entries = new Entry[SIZE];

	/**
	 * Returns what starts a call of the method, or {@code null} if its name is not plain
	 * printable ASCII without quotes or backslashes, or too long.
	 */
	@Nullable SerializableString of(String method) {
		int slot = method.hashCode() & (SIZE - 1);
		Entry entry = this.entries[slot];
		if (entry != null && entry.method.equals(method)) {
			return entry.prefix;
		}
		if (!isPlain(method)) {
			return null;
		}
		SerializableString prefix = new SerializedString("{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\",\"params\":");
		this.entries[slot] = new Entry(method, prefix);
		return prefix;
	}

	private static boolean isPlain(String method) {
		if (method.length() > MAX_LENGTH) {
			return false;
		}
		for (int i = 0; i < method.length(); i++) {
			char c = method.charAt(i);
			if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
				return false;
			}
		}
		return true;
	}

	private record Entry(String method, SerializableString prefix) {
	}

}
