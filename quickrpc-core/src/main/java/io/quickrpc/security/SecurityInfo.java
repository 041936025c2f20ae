package io.quickrpc.security;

import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What the security provider vouches for about an incoming call, such as the sender's user
 * name. A handler receives it by declaring a parameter of this type.
 */
public final class SecurityInfo {

	/**
	 * The entry that holds the peer's identity as its transport verified it, such as the subject
	 * of the certificate a TLS peer presented.
	 */
	public static final String TLS_PEER = "tls.peer";

	private static final SecurityInfo EMPTY = new SecurityInfo(Map.of());

	private final Map<String, String> values;

	private SecurityInfo(Map<String, String> values) {
		this.values = values;
	}

	/**
	 * Returns security information with no entries.
	 * @return the empty security information
	 */
	public static SecurityInfo empty() {
		return EMPTY;
	}

	/**
	 * Returns security information holding the given entries.
	 * @param values the entries, copied
	 * @return the security information
	 */
	public static SecurityInfo of(Map<String, String> values) {
		return values.isEmpty() ? EMPTY : new SecurityInfo(Map.copyOf(values));
	}

	/**
	 * Returns this security information with one more entry.
	 * @param key the entry's key
	 * @param value its value
	 * @return new security information; an entry of the same key is replaced
	 */
	public SecurityInfo with(String key, String value) {
		Map<String, String> values = new HashMap<>(this.values);
		values.put(key, value);
		return new SecurityInfo(Map.copyOf(values));
	}

	/**
	 * Returns the user name the message was sent as, if the provider tells one.
	 * @return the user, or {@code null}
	 */
	public @Nullable String user() {
		return this.values.get("user");
	}

	/**
	 * Returns one entry.
	 * @param key the entry's key
	 * @return the value, or {@code null}
	 */
	public @Nullable String get(String key) {
		return this.values.get(key);
	}

	/**
	 * Returns every entry.
	 * @return an unmodifiable map
	 */
	public Map<String, String> asMap() {
		return this.values;
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return (other instanceof SecurityInfo info) && this.values.equals(info.values);
	}

	@Override
	public int hashCode() {
		return this.values.hashCode();
	}

	@Override
	public String toString() {
		return "SecurityInfo" + this.values.keySet();
	}

}
