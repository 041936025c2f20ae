package io.quickrpc.security;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * The nonces an {@link HmacSecurity} has accepted, each remembered for a fixed time after it
 * arrived. Entries expire in the order they came, so purging takes only the oldest.
 */
final class NonceStore {

	private final int capacity;

	private final long lifetimeMillis;

	private final Set<String> seen = new HashSet<>();

	private final ArrayDeque<Entry> byArrival = new ArrayDeque<>();

	NonceStore(int capacity, long lifetimeMillis) {
		this.capacity = capacity;
		this.lifetimeMillis = lifetimeMillis;
	}

	/** Remembers a nonce; {@code false} if it was seen, or if the store is full. */
	synchronized boolean remember(String user, String nonce, long now) {
		Entry oldest;
		while ((oldest = this.byArrival.peekFirst()) != null && oldest.expires <= now) {
			this.byArrival.pollFirst();
			this.seen.remove(oldest.key);
		}
		String key = user + '\n' + nonce;
		if (this.seen.contains(key) || this.seen.size() >= this.capacity) {
			return false;
		}
		this.seen.add(key);
		this.byArrival.addLast(new Entry(key, now + this.lifetimeMillis));
		return true;
	}

	synchronized boolean isFull() {
		return this.seen.size() >= this.capacity;
	}

	int capacity() {
		return this.capacity;
	}

	private record Entry(String key, long expires) {
	}

}
