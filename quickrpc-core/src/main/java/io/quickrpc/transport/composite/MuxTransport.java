package io.quickrpc.transport.composite;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import io.quickrpc.transport.Transport;
import io.quickrpc.transport.TransportException;

/**
 * Several transports as one. It is running while every one of them is: a client among them that
 * lost its connection makes it not running, as a health check should see.
 */
final class MuxTransport implements Transport {

	private final List<Transport> transports;

	private volatile boolean running;

	MuxTransport(List<Transport> transports) {
		this.transports = List.copyOf(transports);
	}

	@Override
	public synchronized void start(Listener listener) {
		if (this.running) {
			return;
		}
		List<Transport> started = new ArrayList<>();
		Map<Transport, RuntimeException> failures = new LinkedHashMap<>();
		for (Transport transport : this.transports) {
			try {
				transport.start(listener);
				started.add(transport);
			}
			catch (RuntimeException ex) {
				failures.put(transport, ex);
			}
		}
		if (!failures.isEmpty()) {
			started.forEach(Transport::stop);
			TransportException failure = new TransportException("Cannot start " + this + ": " + failures.entrySet()
				.stream()
				.map((entry) -> entry.getKey() + ": " + entry.getValue().getMessage())
				.collect(Collectors.joining("; ")));
			failures.values().forEach(failure::addSuppressed);
			throw failure;
		}
		this.running = true;
	}

	@Override
	public synchronized void stop() {
		if (!this.running) {
			return;
		}
		this.running = false;
		this.transports.forEach(Transport::stop);
	}

	@Override
	public boolean isRunning() {
		return this.running && this.transports.stream().allMatch(Transport::isRunning);
	}

	@Override
	public void send(byte[] data, @Nullable Collection<String> receivers) {
		if (!this.running) {
			throw new TransportException("Cannot send on " + this + ": it is not running; start it first");
		}
		if (receivers == null) {
			for (Transport transport : this.transports) {
				if (transport.isRunning()) {
					transport.send(data, null);
				}
			}
			return;
		}
		Map<Transport, List<String>> routes = new LinkedHashMap<>();
		for (String receiver : receivers) {
			Transport route = owner(receiver);
			if (route == null) {
				throw new TransportException("Unknown receiver '" + receiver + "' on " + this + "; connected peers: "
						+ peers());
			}
			routes.computeIfAbsent(route, (transport) -> new ArrayList<>()).add(receiver);
		}
		routes.forEach((transport, names) -> transport.send(data, names));
	}

	@Override
	public Set<String> peers() {
		Set<String> peers = new TreeSet<>();
		this.transports.forEach((transport) -> peers.addAll(transport.peers()));
		return peers;
	}

	@Override
	public @Nullable String peerIdentity(String peer) {
		for (Transport transport : this.transports) {
			String identity = transport.peerIdentity(peer);
			if (identity != null) {
				return identity;
			}
		}
		return null;
	}

	@Override
	public Map<String, String> peerSecurityInfo(String peer) {
		for (Transport transport : this.transports) {
			Map<String, String> info = transport.peerSecurityInfo(peer);
			if (!info.isEmpty()) {
				return info;
			}
		}
		return Map.of();
	}

	/** The default receiver of the one inner transport that has one, if exactly one has. */
	@Override
	public @Nullable String defaultReceiver() {
		String found = null;
		for (Transport transport : this.transports) {
			String receiver = transport.defaultReceiver();
			if (receiver != null) {
				if (found != null) {
					return null; // two services: a request must name its peer
				}
				found = receiver;
			}
		}
		return found;
	}

	/** Pauses the peer on the transport it is connected to; {@code false} if none knows it, or cannot. */
	@Override
	public boolean pauseReading(String peer) {
		Transport owner = owner(peer);
		return owner != null && owner.pauseReading(peer);
	}

	@Override
	public void resumeReading(String peer) {
		Transport owner = owner(peer);
		if (owner != null) {
			owner.resumeReading(peer);
		}
	}

	/** The first transport connected to the peer. */
	private @Nullable Transport owner(String peer) {
		for (Transport transport : this.transports) {
			if (transport.peers().contains(peer)) {
				return transport;
			}
		}
		return null;
	}

	@Override
	public @Nullable InetSocketAddress localAddress() {
		for (Transport transport : this.transports) {
			InetSocketAddress address = transport.localAddress();
			if (address != null) {
				return address;
			}
		}
		return null;
	}

	@Override
	public String toString() {
		return "mux:" + this.transports.stream().map((transport) -> "(" + transport + ")").collect(Collectors.joining());
	}

}
