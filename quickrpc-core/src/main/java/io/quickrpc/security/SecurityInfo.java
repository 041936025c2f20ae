package io.quickrpc.security;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What the security provider vouches for about an incoming call, such as the sender's user
 * name. A handler receives it by declaring a parameter of this type.
 */
public final class SecurityInfo {

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
