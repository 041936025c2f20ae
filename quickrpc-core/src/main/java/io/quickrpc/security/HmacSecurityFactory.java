package io.quickrpc.security;

import java.nio.file.Path;
import java.util.List;

import io.quickrpc.spi.Expression;
import io.quickrpc.spi.Registry;

/**
 * Creates the {@code hmac:USER:KEYFILE} security provider: signs as {@code USER} and takes the
 * keys of every user from {@code KEYFILE}, a properties file of lines {@code user=base64 key}
 * (the rest of the expression, so a path may hold colons). For other settings, build
 * {@link HmacSecurity} directly.
 */
public final class HmacSecurityFactory implements SecurityFactory {

	@Override
	public String shorthand() {
		return "hmac";
	}

	@Override
	public String syntax() {
		return "hmac:USER:KEYFILE";
	}

	@Override
	public Security create(Expression expression, Registry<Security> registry) {
		List<String> arguments = expression.arguments();
		if (arguments.size() < 2 || arguments.get(0).isBlank() || arguments.get(1).isBlank()) {
			throw expression.invalid("expected a user and a key file, as in hmac:alice:/etc/quickrpc/keys.properties");
		}
		String user = arguments.get(0).strip();
		String file = expression.bodyAfter(1);
		try {
			return HmacSecurity.builder().user(user).keys(HmacKeys.fromFile(Path.of(file))).build();
		}
		catch (IllegalArgumentException ex) {
			throw expression.invalid(ex.getMessage());
		}
	}

}
