package io.quickrpc;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts an endpoint's calls by direction and outcome, and the messages it could not read.
 */
public final class CallStatistics implements CallObserver {

	private final LongAdder[] counts = new LongAdder[2 * Outcome.values().length];

	private final LongAdder invalidMessages = new LongAdder();

	private final LongAdder securityRejected = new LongAdder();

	CallStatistics() {
		for (int i = 0; i < this.counts.length; i++) {
			this.counts[i] = new LongAdder();
		}
	}

	@Override
	public void callEnded(String endpoint, String method, boolean incoming, Outcome outcome, long nanos) {
		this.counts[index(incoming, outcome)].increment();
	}

	void securityRejection() {
		this.securityRejected.increment();
	}

	/**
	 * Returns how many received messages the security provider rejected.
	 * @return the count
	 */
	public long securityRejected() {
		return this.securityRejected.sum();
	}

	void invalidMessage() {
		this.invalidMessages.increment();
	}

	/**
	 * Returns how many calls ended so far in one direction with one outcome.
	 * @param incoming whether to count incoming calls, else outgoing ones
	 * @param outcome the outcome
	 * @return the count
	 */
	public long count(boolean incoming, Outcome outcome) {
		return this.counts[index(incoming, outcome)].sum();
	}

	/**
	 * Returns how many received messages could not be decoded or were rejected by security.
	 * @return the count
	 */
	public long invalidMessages() {
		return this.invalidMessages.sum();
	}

	private static int index(boolean incoming, Outcome outcome) {
		return (incoming ? Outcome.values().length : 0) + outcome.ordinal();
	}

}
