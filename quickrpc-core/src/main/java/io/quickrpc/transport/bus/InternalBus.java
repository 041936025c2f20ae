package io.quickrpc.transport.bus;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.quickrpc.transport.TransportException;

/**
 * A named bus of {@link InternalBuses}: its members, by peer name. Members join and leave
 * through the buses, which hold the lock that orders those events.
 */
final class InternalBus {

	final String name;

	final Map<String, InternalTransport> members = new ConcurrentHashMap<>();

	private final InternalBuses buses;

	InternalBus(InternalBuses buses, String name) {
		this.buses = buses;
		this.name = name;
	}

	/** Adds a member, telling it and every other member of each other; under the buses' lock. */
	void add(String peerName, InternalTransport member) {
		if (this.members.containsKey(peerName)) {
			throw new TransportException("Peer name '" + peerName + "' is taken on internal bus '" + this.name
					+ "'; give each endpoint on a bus its own name (internal:" + this.name + ":NAME) or leave it out");
		}
		for (InternalTransport other : this.members.values()) {
			other.deliverConnected(peerName);
			member.deliverConnected(other.name());
		}
		this.members.put(peerName, member);
	}

	/** Removes a member, telling every other; under the buses' lock. Returns whether it was here. */
	boolean remove(String peerName) {
		if (this.members.remove(peerName) == null) {
			return false;
		}
		for (InternalTransport other : this.members.values()) {
			other.deliverDisconnected(peerName);
		}
		return true;
	}

	void leave(String peerName) {
		this.buses.leave(this, peerName);
	}

}
