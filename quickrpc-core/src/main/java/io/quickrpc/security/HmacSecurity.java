package io.quickrpc.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

/**
 * The {@code hmac} security provider: signs each message with the sending user's shared key and
 * accepts only messages signed with the key of the user they name, fresh, and not seen before.
 * <p>
 * The security information of a message holds {@code user}, {@code ts} (the sender's clock, in
 * milliseconds since the epoch), {@code nonce} (16 random bytes, base64url) and {@code sig}, the
 * base64 HMAC-SHA256, under the user's key, of {@code user \n ts \n nonce \n payload}. A message
 * is rejected, before any handler sees it, if it is unsigned, names an unknown user, carries a
 * timestamp further than the window from this clock, a nonce seen within the window, or a
 * signature that does not match. Handlers see the verified {@code user}.
 * <p>
 * Nonces are remembered in memory for twice the window, at most {@code maxNonces} of them; when
 * that many arrive within that time, further messages are rejected until older nonces expire,
 * rather than forgetting nonces that could then be replayed. Keys never appear in messages,
 * logs or {@link #toString()}.
 */
public final class HmacSecurity implements Security {

	/** The default window: how far a message's timestamp may be from this clock. */
	public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(30);

	/** The default bound on remembered nonces. */
	public static final int DEFAULT_MAX_NONCES = 200_000;

	private static final String ALGORITHM = "HmacSHA256";

	private static final int MAX_FIELD_LENGTH = 256;

	private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(HmacSecurity::newMac);

	private static final SecureRandom RANDOM = new SecureRandom();

	private final String user;

	private final HmacKeys keys;

	private final Duration window;

	private final Clock clock;

	private final NonceStore nonces;

	private HmacSecurity(Builder builder) {
		this.user = Objects.requireNonNull(builder.user, "user");
		this.keys = Objects.requireNonNull(builder.keys, "keys");
		this.window = builder.window;
		this.clock = builder.clock;
		this.nonces = new NonceStore(builder.maxNonces, 2 * builder.window.toMillis());
		if (this.keys.key(this.user) == null) {
			throw new IllegalArgumentException("No hmac key for this side's user '" + this.user
					+ "'; add one to the keys, as every user signs with its own");
		}
	}

	/**
	 * Starts building the provider.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public Map<String, String> sign(byte[] payload, int offset, int length) {
		String ts = Long.toString(this.clock.millis());
		byte[] random = new byte[16];
		RANDOM.nextBytes(random);
		String nonce = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
		byte[] signature = signature(ownKey(), this.user, ts, nonce, ByteBuffer.wrap(payload, offset, length));
		return Map.of("user", this.user, "ts", ts, "nonce", nonce, "sig",
				Base64.getEncoder().encodeToString(signature));
	}

	@Override
	public SecurityInfo verify(ByteBuffer payload, Map<String, String> securityInfo) {
		String sender = securityInfo.get("user");
		String ts = securityInfo.get("ts");
		String nonce = securityInfo.get("nonce");
		String sig = securityInfo.get("sig");
		if (sender == null || ts == null || nonce == null || sig == null) {
			throw new SecurityRejectedException("Rejected an unsigned message: it lacks the hmac signature "
					+ "(user, ts, nonce and sig); the sender must use hmac security too");
		}
		if (sender.length() > MAX_FIELD_LENGTH || nonce.length() > MAX_FIELD_LENGTH || sig.length() > MAX_FIELD_LENGTH) {
			throw new SecurityRejectedException("Rejected a message whose hmac security information is longer than "
					+ MAX_FIELD_LENGTH + " characters per entry; it was not written by quickrpc's hmac provider");
		}
		byte[] key = this.keys.key(sender);
		if (key == null) {
			throw new SecurityRejectedException("Rejected a message from unknown user '" + sender
					+ "': no hmac key is configured for it; add its key, or check the sender's user name");
		}
		long sent = timestamp(sender, ts);
		long now = this.clock.millis();
		if (Math.abs(now - sent) > this.window.toMillis()) {
			throw new SecurityRejectedException(String.format("Rejected a message from user '%s': its timestamp is "
					+ "%.1f s %s this clock, outside the %d s window; synchronise the clocks, or widen the window",
					sender, Math.abs(now - sent) / 1000.0, (sent < now) ? "behind" : "ahead of",
					this.window.toSeconds()));
		}
		byte[] expected = signature(key, sender, ts, nonce, payload.duplicate());
		byte[] received;
		try {
			received = Base64.getDecoder().decode(sig);
		}
		catch (IllegalArgumentException ex) {
			received = new byte[0];
		}
		if (!MessageDigest.isEqual(expected, received)) {
			throw new SecurityRejectedException("Rejected a message from user '" + sender + "': its signature does "
					+ "not match its content; it was changed on the way, or the sender signs with another key for '"
					+ sender + "'");
		}
		if (!this.nonces.remember(sender, nonce, now)) {
			throw new SecurityRejectedException("Rejected a message from user '" + sender + "': "
					+ (this.nonces.isFull() ? "more than " + this.nonces.capacity() + " messages arrived within "
							+ 2 * this.window.toSeconds() + " s, the most whose nonces are remembered; raise maxNonces "
							+ "or shorten the window" : "its nonce was seen before: a replayed message"));
		}
		return SecurityInfo.of(Map.of("user", sender));
	}

	private byte[] ownKey() {
		byte[] key = this.keys.key(this.user);
		if (key == null) {
			throw new IllegalStateException("The hmac key of this side's user '" + this.user + "' is gone from its "
					+ "key source; add it back");
		}
		return key;
	}

	private static long timestamp(String sender, String ts) {
		try {
			return Long.parseLong(ts);
		}
		catch (NumberFormatException ex) {
			throw new SecurityRejectedException("Rejected a message from user '" + sender + "': its timestamp '"
					+ ((ts.length() > 32) ? ts.substring(0, 32) + "..." : ts)
					+ "' is not a number of milliseconds since the epoch");
		}
	}

	private static byte[] signature(byte[] key, String user, String ts, String nonce, ByteBuffer payload) {
		Mac mac = MACS.get();
		try {
			mac.init(new SecretKeySpec(key, ALGORITHM));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Cannot use an hmac key of " + key.length + " bytes", ex);
		}
		mac.update((user + '\n' + ts + '\n' + nonce + '\n').getBytes(StandardCharsets.UTF_8));
		mac.update(payload);
		return mac.doFinal();
	}

	private static Mac newMac() {
		try {
			return Mac.getInstance(ALGORITHM);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("This JVM offers no " + ALGORITHM + ", which every Java runtime must", ex);
		}
	}

	@Override
	public String toString() {
		return "hmac:" + this.user;
	}

	/**
	 * Builds {@link HmacSecurity}.
	 */
	public static final class Builder {

		private @Nullable String user;

		private @Nullable HmacKeys keys;

		private Duration window = DEFAULT_WINDOW;

		private int maxNonces = DEFAULT_MAX_NONCES;

		private Clock clock = Clock.systemUTC();

		private Builder() {
		}

		/**
		 * Sets the user this side signs as; its key must be among the keys.
		 * @param user the user name
		 * @return this builder
		 */
		public Builder user(String user) {
			this.user = user;
			return this;
		}

		/**
		 * Sets where keys come from: this side's, and those of every user it accepts messages
		 * from.
		 * @param keys the keys
		 * @return this builder
		 */
		public Builder keys(HmacKeys keys) {
			this.keys = keys;
			return this;
		}

		/**
		 * Sets how far a message's timestamp may be from this clock, either way. Default: 30 s.
		 * @param window positive
		 * @return this builder
		 */
		public Builder window(Duration window) {
			if (window.isNegative() || window.isZero()) {
				throw new IllegalArgumentException("hmac window must be positive, not " + window);
			}
			this.window = window;
			return this;
		}

		/**
		 * Sets how many nonces are remembered at most. Default: 200,000, enough for about 3,300
		 * messages a second with the default window.
		 * @param maxNonces at least 1
		 * @return this builder
		 */
		public Builder maxNonces(int maxNonces) {
			if (maxNonces < 1) {
				throw new IllegalArgumentException("maxNonces must be at least 1, not " + maxNonces);
			}
			this.maxNonces = maxNonces;
			return this;
		}

		/**
		 * Sets the clock timestamps are taken from and checked against. Default: the system clock.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = clock;
			return this;
		}

		/**
		 * Builds the provider.
		 * @return the provider
		 * @throws IllegalArgumentException if no key is known for this side's user
		 * @throws NullPointerException if the user or the keys are missing
		 */
		public HmacSecurity build() {
			return new HmacSecurity(this);
		}

	}

}
