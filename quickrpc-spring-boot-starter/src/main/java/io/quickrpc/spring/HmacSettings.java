package io.quickrpc.spring;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import io.quickrpc.security.HmacKeys;
import io.quickrpc.security.HmacSecurity;

/**
 * Builds the hmac security provider of an endpoint whose {@code security} is {@code hmac}, from
 * its {@code hmac} properties and, if there is one, the application's {@link HmacKeys} bean.
 */
final class HmacSettings {

	static final String SHORTHAND = "hmac";

	private HmacSettings() {
	}

	static HmacSecurity of(String name, QuickRpcProperties.Hmac hmac, @Nullable HmacKeys bean) {
		String user = hmac.getUser();
		if (user == null || user.isBlank()) {
			throw new IllegalStateException("quickrpc.apis." + name + ".security is 'hmac' but no user is set; set "
					+ "quickrpc.apis." + name + ".hmac.user to the user this side signs as");
		}
		HmacKeys keys = (bean != null) ? bean : keys(name, hmac);
		try {
			return HmacSecurity.builder()
				.user(user)
				.keys(keys)
				.window(hmac.getWindow())
				.maxNonces(hmac.getMaxNonces())
				.build();
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("quickrpc.apis." + name + ".hmac: " + ex.getMessage(), ex);
		}
	}

	private static HmacKeys keys(String name, QuickRpcProperties.Hmac hmac) {
		if (hmac.getKeys().isEmpty()) {
			throw new IllegalStateException("quickrpc.apis." + name + ".security is 'hmac' but no keys are configured; "
					+ "set quickrpc.apis." + name + ".hmac.keys.USER to each user's base64 key, or define an HmacKeys bean");
		}
		Map<String, byte[]> keys = new LinkedHashMap<>();
		hmac.getKeys().forEach((user, base64) -> keys.put(user,
				HmacKeys.decode(user, base64, "in quickrpc.apis." + name + ".hmac.keys")));
		return HmacKeys.of(keys);
	}

}
