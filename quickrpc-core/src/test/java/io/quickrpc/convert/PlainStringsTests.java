package io.quickrpc.convert;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonWriteFeature;

import static org.assertj.core.api.Assertions.assertThat;

class PlainStringsTests {

	private static final JsonFactory JSON = new JsonFactory();

	@Test
	void everyStringIsWrittenAsTheGeneratorWritesIt() {
		List<String> strings = new ArrayList<>(List.of("short", "0123456789abcdefghijklmnopqrstuvwxyz",
				"a \"quoted\" word in a long string", "back\\slash in a long string", "a question? in a long string",
				"control\u0001 in a long string", "tab\tin a long string", "delete\u007f in a long string",
				"gr\u00fc\u00dfe in a long string", "check \u2713 in a long string", "lone \ud800 surrogate in a string",
				"pair \ud83d\ude00 in a long string", "slash / and <html> & 'quotes' ~", "exactly sixteen!",
				"fifteen chars!!", "seventeen chars!!"));
		Random random = new Random(7);
		for (int i = 0; i < 2000; i++) {
			char[] chars = new char[random.nextInt(40)];
			for (int j = 0; j < chars.length; j++) {
				chars[j] = (random.nextInt(10) == 0) ? (char) random.nextInt(0x3000) : (char) (0x1e + random.nextInt(0x63));
			}
			strings.add(new String(chars));
		}
		for (String value : strings) {
			assertThat(written(value, JSON, true)).as(value).isEqualTo(written(value, JSON, false));
		}
	}

	@Test
	void aGeneratorThatEscapesMoreWritesEveryStringItself() {
		JsonFactory escaping = JsonFactory.builder().enable(JsonWriteFeature.ESCAPE_FORWARD_SLASHES).build();
		String value = "a long path: /usr/share/quickrpc/frames";
		assertThat(written(value, escaping, true)).contains("\\/usr").isEqualTo(written(value, escaping, false));
	}

	@Test
	void theWordCheckFindsEveryByteThatNeedsCare() {
		for (int b = 0; b < 256; b++) {
			for (int at = 0; at < 19; at++) {
				byte[] bytes = "abcdefghijklmnopqrs".getBytes(StandardCharsets.US_ASCII);
				bytes[at] = (byte) b;
				boolean plain = b >= 0x20 && b <= 0x7e && b != '"' && b != '\\' && b != '?';
				assertThat(PlainStrings.isPlain(bytes)).as("byte %02x at %d", b, at).isEqualTo(plain);
			}
		}
	}

	private static String written(String value, JsonFactory json, boolean plain) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (JsonGenerator generator = json.createGenerator(ObjectWriteContext.empty(), out)) {
			if (plain) {
				PlainStrings.write(generator, value);
			}
			else {
				generator.writeString(value);
			}
		}
		catch (RuntimeException ex) {
			return "failed: " + ex.getMessage();
		}
		return out.toString(StandardCharsets.UTF_8);
	}

}
