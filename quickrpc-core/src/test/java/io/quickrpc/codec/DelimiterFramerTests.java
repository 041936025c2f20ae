package io.quickrpc.codec;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DelimiterFramerTests {

	@Test
	void findsTheFirstDelimiterAtEveryPositionAsAByteByByteSearchDoes() {
		SplittableRandom random = new SplittableRandom(11);
		for (byte value : new byte[] { 0, '\n', (byte) 0x80, (byte) 0xFF, 0x01 }) {
			for (int length = 0; length < 40; length++) {
				byte[] array = new byte[length + 7];
				for (int round = 0; round < 50; round++) {
					for (int i = 0; i < array.length; i++) {
						// bytes next to the value, above and below, are where a word-wise search could err
						int pick = random.nextInt(6);
						array[i] = (byte) ((pick == 0) ? value : (pick == 1) ? value + 1 : (pick == 2) ? value - 1
								: random.nextInt(256));
					}
					int from = random.nextInt(4);
					int last = from + length - 1;
					assertThat(DelimiterFramer.indexOf(array, value, from, last))
						.as("value %d in %d bytes from %d", value, length, from)
						.isEqualTo(naiveIndexOf(array, value, from, last));
				}
			}
		}
	}

	@Test
	void splitHandsOnEachFrameWithoutItsDelimiterAndAnUnendedRestAsItIs() {
		byte[] bytes = "{\"a\":1}\n\n{\"b\":2}\n".getBytes();
		List<String> frames = new ArrayList<>();
		boolean ended = new DelimiterFramer(new byte[] { '\n' })
			.split(bytes, (offset, length) -> frames.add(new String(bytes, offset, length)));
		assertThat(ended).isTrue();
		assertThat(frames).containsExactly("{\"a\":1}", "", "{\"b\":2}");

		byte[] unended = "{\"a\":1}\n{\"b\"".getBytes();
		frames.clear();
		ended = new DelimiterFramer(new byte[] { '\n' })
			.split(unended, (offset, length) -> frames.add(new String(unended, offset, length)));
		assertThat(ended).isFalse();
		assertThat(frames).containsExactly("{\"a\":1}", "{\"b\"");
	}

	@Test
	void aFrameIsCutAtTheDelimiterWhereverTheBufferStartsInItsArray() {
		byte[] bytes = "xx{\"a\":1}\n{\"b\":2}\n{\"c\"".getBytes();
		ByteBuffer in = ByteBuffer.wrap(bytes, 2, bytes.length - 2).slice();
		DelimiterFramer framer = new DelimiterFramer(new byte[] { '\n' });
		assertThat(framer.frameLength(in)).isEqualTo(7);
		in.position(8);
		assertThat(framer.frameLength(in)).isEqualTo(7);
		in.position(16);
		assertThat(framer.frameLength(in)).isEqualTo(Framer.INCOMPLETE);
	}

	private static int naiveIndexOf(byte[] array, byte value, int from, int last) {
		for (int i = from; i <= last; i++) {
			if (array[i] == value) {
				return i;
			}
		}
		return -1;
	}

}
