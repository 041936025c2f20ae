package io.quickrpc.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import io.quickrpc.spi.Expression;
import io.quickrpc.spi.Registry;

/**
 * Creates the JSON-RPC 2.0 codec, {@code jrpc[:DELIM]}: each message is one JSON object
 * followed by the delimiter, NUL by default, as the Python original writes. The delimiter is
 * given literally or with the escapes {@code \0 \n \r \t \\ \xHH} ({@code jrpc:\n} for one
 * message per line), and must consist of control characters, which JSON never writes
 * unescaped.
 */
public final class JsonRpcCodecFactory implements CodecFactory {

	@Override
	public String shorthand() {
		return "jrpc";
	}

	@Override
	public String syntax() {
		return "jrpc[:DELIM]";
	}

	@Override
	public Codec create(Expression expression, Registry<Codec> registry) {
		byte[] delimiter = expression.body().isEmpty() ? new byte[] { 0 } : unescape(expression);
		return new JsonRpcCodec(delimiter);
	}

	private static byte[] unescape(Expression expression) {
		String text = expression.body();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\' && i + 1 < text.length()) {
				char next = text.charAt(++i);
				switch (next) {
					case '0' -> out.write(0);
					case 'n' -> out.write('\n');
					case 'r' -> out.write('\r');
					case 't' -> out.write('\t');
					case '\\' -> out.write('\\');
					case 'x' -> {
						try {
							out.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
						}
						catch (NumberFormatException | IndexOutOfBoundsException ex) {
							throw expression.invalid("'\\x' needs two hex digits");
						}
						i += 2;
					}
					default -> throw expression.invalid("unknown escape '\\" + next + "' in the delimiter; use \\0, \\n, \\r, \\t, \\\\ or \\xHH");
				}
			}
			else {
				out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
			}
		}
		byte[] delimiter = out.toByteArray();
		for (byte b : delimiter) {
			if (b < 0 || b >= 0x20) {
				throw expression.invalid("the delimiter must consist of control characters such as \\0 or \\n, "
						+ "because JSON may contain any other character unescaped");
			}
		}
		return delimiter;
	}

}
