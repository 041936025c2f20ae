package io.quickrpc.security;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.jspecify.annotations.Nullable;

/**
 * Where the {@code hmac} security provider finds the shared key of each user. Implement it to
 * take keys from a vault or a database; {@link #of(Map)} and {@link #fromFile(Path)} cover the
 * common cases. Implementations must be safe for concurrent use and should never log keys.
 */
@FunctionalInterface
public interface HmacKeys {

	/** The shortest key accepted, in bytes. */
	int MIN_KEY_LENGTH = 16;

	/**
	 * Returns the key of a user.
	 * @param user the user name
	 * @return the key, or {@code null} if the user is unknown
	 */
	byte @Nullable [] key(String user);

	/**
	 * Returns keys held in memory.
	 * @param keys the key of each user, copied; each at least {@value #MIN_KEY_LENGTH} bytes
	 * @return the keys
	 * @throws IllegalArgumentException if a key is too short, naming its user
	 */
	static HmacKeys of(Map<String, byte[]> keys) {
		Map<String, byte[]> copy = new HashMap<>();
		keys.forEach((user, key) -> copy.put(user, checked(user, key).clone()));
		return (user) -> {
			byte[] key = copy.get(user);
			return (key != null) ? key.clone() : null;
		};
	}

	/**
	 * Reads keys from a properties file of lines {@code user=base64 key}.
	 * @param file the file
	 * @return the keys
	 * @throws IllegalArgumentException if the file cannot be read or a key is malformed or too
	 * short; the message names the file and the user, never the key
	 */
	static HmacKeys fromFile(Path file) {
		Properties lines = new Properties();
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			lines.load(reader);
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("Cannot read the hmac key file " + file.toAbsolutePath() + " ("
					+ ex.getMessage() + "); check the path and its permissions", ex);
		}
		Map<String, byte[]> keys = new HashMap<>();
		for (String user : lines.stringPropertyNames()) {
			keys.put(user, decode(user, lines.getProperty(user), "in " + file.toAbsolutePath()));
		}
		return of(keys);
	}

	/**
	 * Decodes a base64 key.
	 * @param user whose key it is, for messages
	 * @param base64 the key in base64
	 * @param where where the key was found, for messages
	 * @return the key
	 * @throws IllegalArgumentException if it is not base64 or too short
	 */
	static byte[] decode(String user, String base64, String where) {
		try {
			return checked(user, Base64.getDecoder().decode(base64.strip()));
		}
		catch (IllegalArgumentException ex) {
			if (ex.getMessage() != null && ex.getMessage().startsWith("The hmac key")) {
				throw ex;
			}
			throw new IllegalArgumentException("The hmac key of user '" + user + "' " + where
					+ " is not valid base64; write it as produced by 'openssl rand -base64 32'");
		}
	}

	private static byte[] checked(String user, byte[] key) {
		if (key.length < MIN_KEY_LENGTH) {
			throw new IllegalArgumentException("The hmac key of user '" + user + "' has " + key.length
					+ " bytes, fewer than " + MIN_KEY_LENGTH + "; use 32 random bytes, such as from 'openssl rand -base64 32'");
		}
		return key;
	}

}
