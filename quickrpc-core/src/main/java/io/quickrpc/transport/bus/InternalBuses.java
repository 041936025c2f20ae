package io.quickrpc.transport.bus;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The buses of {@code internal:} transports, by name: endpoints whose transports share the
 * buses and a bus name are peers. Transports from expressions use {@link #shared()}, one set of
 * buses for the process, unless the registry carries other buses
 * ({@code Registry.transports().with(InternalBuses.class, InternalBuses.create())}), which keeps a test's or a
 * module's endpoints apart from everyone else's. Instances are safe for concurrent use.
 */
public final class InternalBuses {

	private static final InternalBuses SHARED = new InternalBuses();

	private final Map<String, InternalBus> buses = new ConcurrentHashMap<>();

	private InternalBuses() {
	}

	/**
	 * Returns the buses that {@code internal:} expressions use unless told otherwise.
	 * @return the buses of this process
	 */
	public static InternalBuses shared() {
		return SHARED;
	}

	/**
	 * Creates buses of their own, apart from the shared ones.
	 * @return new, empty buses
	 */
	public static InternalBuses create() {
		return new InternalBuses();
	}

	/** Adds a member to a bus, creating the bus if it has none. */
	synchronized InternalBus join(String busName, String peerName, InternalTransport member) {
		InternalBus bus = this.buses.computeIfAbsent(busName, (name) -> new InternalBus(this, name));
		bus.add(peerName, member);
		return bus;
	}

	/** Removes a member from its bus, and the bus once it is empty. */
	synchronized void leave(InternalBus bus, String peerName) {
		if (bus.remove(peerName) && bus.members.isEmpty()) {
			this.buses.remove(bus.name, bus);
		}
	}

}
