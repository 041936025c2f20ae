package io.quickrpc;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts an endpoint's calls by direction and outcome, and the messages it could not read.
 */
public final class CallStatistics implements CallObserver {

	private static final int OUTCOMES = Outcome.values().length;

	private final LongAdder[] counts = new LongAdder[2 * OUTCOMES];

	private final LongAdder invalidMessages = new LongAdder();

	private final LongAdder securityRejected = new LongAdder();

	private final LongAdder readPauses = new LongAdder();

	private final Map<String, LongAdder> droppedByPeer = new ConcurrentHashMap<>();

	private final LongAdder dropped = new LongAdder();

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

	void readPaused() {
		this.readPauses.increment();
	}

	/**
	 * Returns how many times a peer was held back: its transport stopped reading from it while
	 * its received calls waited for handlers beyond a bound.
	 * @return the count
	 */
	public long readPauses() {
		return this.readPauses.sum();
	}

	void dropped(String peer) {
		this.dropped.increment();
		this.droppedByPeer.computeIfAbsent(peer, (name) -> new LongAdder()).increment();
	}

	void peerGone(String peer) {
		this.droppedByPeer.remove(peer);
	}

	/**
	 * Returns how many received calls were dropped for lack of room, over a transport that
	 * cannot hold a peer back.
	 * @return the count since the endpoint was built
	 */
	public long droppedCalls() {
		return this.dropped.sum();
	}

	/**
	 * Returns the dropped calls of each peer connected now that had calls dropped.
	 * @return a snapshot, by peer name
	 */
	public Map<String, Long> droppedCallsByPeer() {
		Map<String, Long> snapshot = new TreeMap<>();
		this.droppedByPeer.forEach((peer, count) -> snapshot.put(peer, count.sum()));
		return snapshot;
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
		return (incoming ? OUTCOMES : 0) + outcome.ordinal();
	}

}
