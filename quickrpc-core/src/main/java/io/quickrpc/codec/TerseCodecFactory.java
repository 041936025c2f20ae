package io.quickrpc.codec;

import io.quickrpc.spi.Expression;
import io.quickrpc.spi.Registry;

/**
 * Creates the terse codec, {@code terse}: one line per message, for people at a terminal.
 * A call is {@code method[/id] name:value ...} ({@code say text:"hello"}, {@code ping/3 text:"hi"}),
 * a reply {@code [3]:"hi"}, an error {@code [3]! code:-32000 message:"boom"}. Values are numbers,
 * {@code "strings"} with backslash escapes, {@code 'base64'} bytes, {@code [a b c]} lists,
 * {@code {k:v k:v}} objects, {@code true}, {@code false} and {@code null}.
 */
public final class TerseCodecFactory implements CodecFactory {

	@Override
	public String shorthand() {
		return "terse";
	}

	@Override
	public String syntax() {
		return "terse";
	}

	@Override
	public Codec create(Expression expression, Registry<Codec> registry) {
		if (!expression.body().isBlank()) {
			throw expression.invalid("'terse' takes no arguments");
		}
		return new TerseCodec();
	}

}
