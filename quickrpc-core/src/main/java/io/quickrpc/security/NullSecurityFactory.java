package io.quickrpc.security;

import java.nio.ByteBuffer;
import java.util.Map;

import io.quickrpc.spi.Expression;
import io.quickrpc.spi.Registry;

/**
 * Creates the {@code null} security provider: nothing is signed, nothing is checked, and
 * handlers see no security information, even if the sender sent some.
 */
public final class NullSecurityFactory implements SecurityFactory {

	@Override
	public String shorthand() {
		return "null";
	}

	@Override
	public String syntax() {
		return "null";
	}

	@Override
	public Security create(Expression expression, Registry<Security> registry) {
		if (!expression.body().isEmpty()) {
			throw expression.invalid("'null' takes no arguments");
		}
		return NullSecurity.INSTANCE;
	}

	enum NullSecurity implements Security {

		INSTANCE;

		@Override
		public Map<String, String> sign(byte[] payload, int offset, int length) {
			return Map.of();
		}

		@Override
		public SecurityInfo verify(ByteBuffer payload, Map<String, String> securityInfo) {
			return SecurityInfo.empty();
		}

		@Override
		public String toString() {
			return "null";
		}

	}

}
