package io.quickrpc.security;

import java.nio.ByteBuffer;
import java.util.Map;

import io.quickrpc.spi.Expression;
import io.quickrpc.spi.Registry;

/**
 * Creates the {@code blindly_believe_everything[:USER]} security provider of the Python
 * original: it sends a user name with each message and believes whatever user name it
 * receives. It checks nothing and protects nothing; use it only between peers you trust
 * completely.
 */
public final class BlindlyBelieveEverythingFactory implements SecurityFactory {

	@Override
	public String shorthand() {
		return "blindly_believe_everything";
	}

	@Override
	public String syntax() {
		return "blindly_believe_everything[:USER]";
	}

	@Override
	public Security create(Expression expression, Registry<Security> registry) {
		return new BlindlyBelieveEverything(expression.body());
	}

	record BlindlyBelieveEverything(String user) implements Security {

		@Override
		public Map<String, String> sign(byte[] payload, int offset, int length) {
			return Map.of("user", this.user);
		}

		@Override
		public SecurityInfo verify(ByteBuffer payload, Map<String, String> securityInfo) {
			return SecurityInfo.of(securityInfo);
		}

		@Override
		public String toString() {
			return "blindly_believe_everything:" + this.user;
		}

	}

}
