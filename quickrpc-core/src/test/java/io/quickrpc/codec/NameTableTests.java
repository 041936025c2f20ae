package io.quickrpc.codec;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NameTableTests {

	private final NameTable names = new NameTable();

	@Test
	void aNameReadAgainIsTheSameString() {
		byte[] frame = bytes("..echo..echo..");
		String first = this.names.name(frame, 2, 6);
		String second = this.names.name(frame, 8, 12);
		assertThat(first).isEqualTo("echo");
		assertThat(second).isSameAs(first);
	}

	@Test
	void namesThatShareASlotAreEachReadAsWritten() {
		// far more names than slots: each read gives its own name, whichever slot it lands in
		Set<String> read = new HashSet<>();
		for (int round = 0; round < 2; round++) {
			for (int i = 0; i < 1000; i++) {
				String name = "method" + i;
				byte[] frame = bytes("\"" + name + "\"");
				assertThat(this.names.name(frame, 1, frame.length - 1)).isEqualTo(name);
				read.add(name);
			}
		}
		assertThat(read).hasSize(1000);
	}

	@Test
	void aNameLongerThanTheTableKeepsIsReadAsWritten() {
		String name = "m".repeat(200);
		byte[] frame = bytes(name);
		assertThat(this.names.name(frame, 0, frame.length)).isEqualTo(name);
		assertThat(this.names.name(frame, 0, frame.length)).isEqualTo(name);
	}

	@Test
	void aNameThatIsAPrefixOfAnotherIsNotTakenForIt() {
		byte[] frame = bytes("echoes");
		assertThat(this.names.name(frame, 0, 6)).isEqualTo("echoes");
		assertThat(this.names.name(frame, 0, 4)).isEqualTo("echo");
		assertThat(this.names.name(frame, 0, 6)).isEqualTo("echoes");
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

}
