package io.quickrpc.transport;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A named bus in this process: its members, by peer name. Buses exist while they have members.
 */
final class InternalBus {

	private static final Map<String, InternalBus> BUSES = new ConcurrentHashMap<>();

	private static final Object LOCK = new Object();

	final String name;

	final Map<String, InternalTransport> members = new ConcurrentHashMap<>();

	private InternalBus(String name) {
		this.name = name;
	}

	static InternalBus join(String busName, String peerName, InternalTransport member) {
		synchronized (LOCK) {
			InternalBus bus = BUSES.computeIfAbsent(busName, InternalBus::new);
			if (bus.members.containsKey(peerName)) {
				throw new TransportException("Peer name '" + peerName + "' is taken on internal bus '" + busName
						+ "'; give each endpoint on a bus its own name (internal:" + busName + ":NAME) or leave it out");
			}
			for (InternalTransport other : bus.members.values()) {
				other.deliverConnected(peerName);
				member.deliverConnected(other.name());
			}
			bus.members.put(peerName, member);
			return bus;
		}
	}

	void leave(String peerName) {
		synchronized (LOCK) {
			this.members.remove(peerName);
			for (InternalTransport other : this.members.values()) {
				other.deliverDisconnected(peerName);
			}
			if (this.members.isEmpty()) {
				BUSES.remove(this.name, this);
			}
		}
	}

}
