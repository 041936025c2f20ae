package io.quickrpc.convert;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.core.json.UTF8JsonGenerator;

/**
 * Writes a string that needs no escaping as its bytes, checked eight at a time: Jackson's
 * generator looks at each character in turn to escape it, which for a string of a few dozen
 * characters costs several times the copy. Only printable ASCII other than {@code "}, {@code \}
 * and {@code ?} is written so, and only by a generator that escapes nothing more than JSON
 * requires; everything else is written by the generator as before, to the same bytes.
 */
final class PlainStrings {

	/** Shorter strings cost the generator less than the check. */
	private static final int MIN_LENGTH = 16;

	private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

	private static final long ONES = 0x0101010101010101L;

	private static final long HIGHS = 0x8080808080808080L;

	private PlainStrings() {
	}

	/** Writes the string as the generator would. */
	static void write(JsonGenerator generator, String value) {
		if (value.length() >= MIN_LENGTH && generator instanceof UTF8JsonGenerator utf8 && escapesOnlyWhatJsonRequires(utf8)) {
			// a string that is not all ASCII, or holds a lone surrogate (encoded as '?'), fails the check
			byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
			if (bytes.length == value.length() && isPlain(bytes)) {
				utf8.writeRawUTF8String(bytes, 0, bytes.length);
				return;
			}
		}
		generator.writeString(value);
	}

	private static boolean escapesOnlyWhatJsonRequires(UTF8JsonGenerator generator) {
		int highest = generator.getHighestNonEscapedChar();
		return generator.getCharacterEscapes() == null && !generator.isEnabled(JsonWriteFeature.ESCAPE_FORWARD_SLASHES)
				&& (highest == 0 || highest >= 0x7e);
	}

	/** Whether every byte is printable ASCII, from space to {@code ~}, other than {@code "}, {@code \} and {@code ?}. */
	static boolean isPlain(byte[] bytes) {
		int i = 0;
		for (; i + Long.BYTES <= bytes.length; i += Long.BYTES) {
			long word = (long) LONGS.get(bytes, i);
			long below = (word - 0x20 * ONES) & ~word;
			long above = (word + (0x7f - 0x7e) * ONES) | word;
			if (((below | above) & HIGHS) != 0 || hasByte(word, '"') || hasByte(word, '\\') || hasByte(word, '?')) {
				return false;
			}
		}
		for (; i < bytes.length; i++) {
			byte b = bytes[i];
			if (b < 0x20 || b > 0x7e || b == '"' || b == '\\' || b == '?') {
				return false;
			}
		}
		return true;
	}

	private static boolean hasByte(long word, char value) {
		long matched = word ^ (value * ONES);
		return ((matched - ONES) & ~matched & HIGHS) != 0;
	}

}
