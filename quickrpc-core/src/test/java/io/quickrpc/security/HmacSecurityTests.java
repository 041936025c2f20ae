package io.quickrpc.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.quickrpc.spi.InvalidExpressionException;
import io.quickrpc.spi.Registry;

/**
 * The {@code hmac} provider on its own: what it signs, and every way a message is rejected.
 */
class HmacSecurityTests {

	static final byte[] ALICE_KEY = "alice's 32-byte key, kept secret".getBytes(StandardCharsets.US_ASCII);

	static final byte[] SERVER_KEY = "the server's key of 32 bytes....".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] PAYLOAD = "{\"jsonrpc\":\"2.0\",\"method\":\"ping\",\"params\":{\"text\":\"hi\"},\"id\":1}"
		.getBytes(StandardCharsets.UTF_8);

	private final HmacSecurity server = security("server", Clock.systemUTC());

	@Test
	void signedMessageIsAcceptedAndNamesItsUser() {
		Map<String, String> info = security("alice", Clock.systemUTC()).sign(PAYLOAD, 0, PAYLOAD.length);

		assertThat(info).containsOnlyKeys("user", "ts", "nonce", "sig").containsEntry("user", "alice");
		assertThat(this.server.verify(ByteBuffer.wrap(PAYLOAD), info).asMap()).isEqualTo(Map.of("user", "alice"));
	}

	@Test
	void tamperedPayloadIsRejected() {
		Map<String, String> info = security("alice", Clock.systemUTC()).sign(PAYLOAD, 0, PAYLOAD.length);
		byte[] tampered = new String(PAYLOAD, StandardCharsets.UTF_8).replace("hi", "ho").getBytes(StandardCharsets.UTF_8);

		assertRejected(tampered, info, "Rejected a message from user 'alice': its signature does not match its content; "
				+ "it was changed on the way, or the sender signs with another key for 'alice'");
	}

	@Test
	void tamperedSecurityInformationIsRejected() {
		Map<String, String> info = new HashMap<>(security("alice", Clock.systemUTC()).sign(PAYLOAD, 0, PAYLOAD.length));
		info.put("ts", Long.toString(Long.parseLong(info.get("ts")) + 1));

		assertRejected(PAYLOAD, info, "its signature does not match its content");
	}

	@Test
	void replayedMessageIsRejected() {
		Map<String, String> info = security("alice", Clock.systemUTC()).sign(PAYLOAD, 0, PAYLOAD.length);
		this.server.verify(ByteBuffer.wrap(PAYLOAD), info);

		assertRejected(PAYLOAD, info, "Rejected a message from user 'alice': its nonce was seen before: a replayed message");
	}

	@Test
	void staleAndFutureTimestampsAreRejected() {
		Instant now = Instant.now();
		Map<String, String> old = security("alice", Clock.fixed(now.minusSeconds(45), ZoneOffset.UTC))
			.sign(PAYLOAD, 0, PAYLOAD.length);
		Map<String, String> future = security("alice", Clock.fixed(now.plusSeconds(45), ZoneOffset.UTC))
			.sign(PAYLOAD, 0, PAYLOAD.length);

		assertRejected(PAYLOAD, old, "Rejected a message from user 'alice': its timestamp is 45.");
		assertRejected(PAYLOAD, old, "s behind this clock, outside the 30 s window; synchronise the clocks, or widen "
				+ "the window");
		assertRejected(PAYLOAD, future, "s ahead of this clock, outside the 30 s window");
	}

	@Test
	void wrongKeyIsRejected() {
		HmacSecurity impostor = HmacSecurity.builder()
			.user("alice")
			.keys(HmacKeys.of(Map.of("alice", "not alice's key, but 32 bytes...".getBytes(StandardCharsets.US_ASCII))))
			.build();

		assertRejected(PAYLOAD, impostor.sign(PAYLOAD, 0, PAYLOAD.length), "its signature does not match its content");
	}

	@Test
	void unknownUserIsRejected() {
		HmacSecurity mallory = HmacSecurity.builder()
			.user("mallory")
			.keys(HmacKeys.of(Map.of("mallory", "mallory's very own 32-byte key..".getBytes(StandardCharsets.US_ASCII))))
			.build();

		assertRejected(PAYLOAD, mallory.sign(PAYLOAD, 0, PAYLOAD.length), "Rejected a message from unknown user "
				+ "'mallory': no hmac key is configured for it; add its key, or check the sender's user name");
	}

	@Test
	void unsignedAndMalformedMessagesAreRejected() {
		Map<String, String> signed = security("alice", Clock.systemUTC()).sign(PAYLOAD, 0, PAYLOAD.length);
		Map<String, String> badTimestamp = new HashMap<>(signed);
		badTimestamp.put("ts", "yesterday");
		Map<String, String> badSignature = new HashMap<>(signed);
		badSignature.put("sig", "%%% not base64 %%%");

		assertRejected(PAYLOAD, Map.of(), "Rejected an unsigned message: it lacks the hmac signature (user, ts, nonce "
				+ "and sig); the sender must use hmac security too");
		assertRejected(PAYLOAD, Map.of("user", "alice"), "Rejected an unsigned message");
		assertRejected(PAYLOAD, badTimestamp, "its timestamp 'yesterday' is not a number of milliseconds");
		assertRejected(PAYLOAD, badSignature, "its signature does not match");
		assertRejected(PAYLOAD, Map.of("user", "a".repeat(300), "ts", "1", "nonce", "n", "sig", "s"),
				"longer than 256 characters");
	}

	@Test
	void fullNonceStoreRejectsRatherThanForgets() {
		HmacSecurity small = HmacSecurity.builder().user("server").keys(keys()).maxNonces(2).build();
		HmacSecurity alice = security("alice", Clock.systemUTC());
		for (int i = 0; i < 2; i++) {
			small.verify(ByteBuffer.wrap(PAYLOAD), alice.sign(PAYLOAD, 0, PAYLOAD.length));
		}

		assertThatExceptionOfType(SecurityRejectedException.class)
			.isThrownBy(() -> small.verify(ByteBuffer.wrap(PAYLOAD), alice.sign(PAYLOAD, 0, PAYLOAD.length)))
			.withMessageContaining("more than 2 messages arrived within 60 s, the most whose nonces are remembered; "
					+ "raise maxNonces or shorten the window");
	}

	@Test
	void noncesAreForgottenOnlyAfterTheyCanNoLongerBeReplayed() {
		MutableClock clock = new MutableClock();
		HmacSecurity receiver = HmacSecurity.builder().user("server").keys(keys()).clock(clock).maxNonces(1).build();
		HmacSecurity alice = security("alice", clock);
		Map<String, String> first = alice.sign(PAYLOAD, 0, PAYLOAD.length);
		receiver.verify(ByteBuffer.wrap(PAYLOAD), first);

		clock.advance(Duration.ofSeconds(61));
		Map<String, String> later = alice.sign(PAYLOAD, 0, PAYLOAD.length);

		assertThat(receiver.verify(ByteBuffer.wrap(PAYLOAD), later).user()).isEqualTo("alice");
		assertThatExceptionOfType(SecurityRejectedException.class)
			.isThrownBy(() -> receiver.verify(ByteBuffer.wrap(PAYLOAD), first))
			.withMessageContaining("outside the 30 s window");
	}

	@Test
	void signsAndVerifiesFromManyThreadsAtOnce() throws Exception {
		HmacSecurity alice = security("alice", Clock.systemUTC());
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			List<Future<String>> users = new ArrayList<>();
			for (int i = 0; i < 2000; i++) {
				byte[] payload = ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
				users.add(threads.submit(() -> this.server
					.verify(ByteBuffer.wrap(payload), alice.sign(payload, 0, payload.length))
					.user()));
			}
			for (Future<String> user : users) {
				assertThat(user.get()).isEqualTo("alice");
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void keysNeverShowInTextOrMessages() {
		HmacSecurity alice = security("alice", Clock.systemUTC());
		String base64 = Base64.getEncoder().encodeToString(ALICE_KEY);

		assertThat(alice).hasToString("hmac:alice");
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> HmacKeys.of(Map.of("bob", "short".getBytes(StandardCharsets.US_ASCII))))
			.withMessage("The hmac key of user 'bob' has 5 bytes, fewer than 16; use 32 random bytes, such as from "
					+ "'openssl rand -base64 32'");
		assertThatExceptionOfType(SecurityRejectedException.class)
			.isThrownBy(() -> this.server.verify(ByteBuffer.wrap(PAYLOAD), Map.of("user", "alice", "ts", "1",
					"nonce", "n", "sig", "x")))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(base64)
				.doesNotContain(new String(ALICE_KEY, StandardCharsets.US_ASCII)));
	}

	@Test
	void expressionReadsKeysFromAPropertiesFile(@TempDir Path directory) throws Exception {
		Path file = directory.resolve("keys.properties");
		Files.writeString(file, "alice=" + Base64.getEncoder().encodeToString(ALICE_KEY) + "\nserver="
				+ Base64.getEncoder().encodeToString(SERVER_KEY) + "\n");
		Security alice = Registry.securities().create("hmac:alice:" + file);
		Map<String, String> info = alice.sign(PAYLOAD, 0, PAYLOAD.length);

		assertThat(alice).hasToString("hmac:alice");
		assertThat(this.server.verify(ByteBuffer.wrap(PAYLOAD), info).user()).isEqualTo("alice");
		assertThatExceptionOfType(InvalidExpressionException.class)
			.isThrownBy(() -> Registry.securities().create("hmac:alice"))
			.withMessageContaining("expected a user and a key file, as in hmac:alice:/etc/quickrpc/keys.properties");
		assertThatExceptionOfType(InvalidExpressionException.class)
			.isThrownBy(() -> Registry.securities().create("hmac:carol:" + file))
			.withMessageContaining("No hmac key for this side's user 'carol'");
		assertThatExceptionOfType(InvalidExpressionException.class)
			.isThrownBy(() -> Registry.securities().create("hmac:alice:" + directory.resolve("missing")))
			.withMessageContaining("Cannot read the hmac key file");
	}

	static HmacKeys keys() {
		return HmacKeys.of(Map.of("alice", ALICE_KEY, "server", SERVER_KEY));
	}

	static HmacSecurity security(String user, Clock clock) {
		return HmacSecurity.builder().user(user).keys(keys()).clock(clock).build();
	}

	private void assertRejected(byte[] payload, Map<String, String> info, String message) {
		assertThatExceptionOfType(SecurityRejectedException.class)
			.isThrownBy(() -> this.server.verify(ByteBuffer.wrap(payload), info))
			.withMessageContaining(message);
	}

	/** A clock the test moves forward. */
	static final class MutableClock extends Clock {

		private Instant now = Instant.now();

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public java.time.ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
