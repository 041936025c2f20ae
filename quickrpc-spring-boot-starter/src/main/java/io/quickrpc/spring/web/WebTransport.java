package io.quickrpc.spring.web;

import java.nio.ByteBuffer;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.quickrpc.codec.Framer;
import io.quickrpc.transport.Transport;
import io.quickrpc.transport.TransportException;
import io.quickrpc.transport.network.NetworkOptions;

/**
 * Serves an API on the application's own web server at one path: each WebSocket session is a
 * peer, and each HTTP {@code POST} a peer for as long as its call takes. One WebSocket text
 * message is one frame of the API's codec, without its delimiter, as on {@code ws:}: what arrives
 * is handed to the endpoint as a whole frame, and the endpoint's framer cuts what it sends into
 * messages. A posted body is one frame too. The web stack (Spring MVC or WebFlux) reports
 * sessions and messages to it.
 */
final class WebTransport implements Transport {

	/** Security information entry: the name of the principal the web server authenticated. */
	static final String HTTP_PRINCIPAL = "http.principal";

	private static final Logger logger = LoggerFactory.getLogger(WebTransport.class);

	private static final AtomicLong NAMES = new AtomicLong();

	private final String path;

	private final WebTransportOptions options;

	private final NetworkOptions networkOptions;

	private final Map<String, WebPeer> peers = new ConcurrentHashMap<>();

	private volatile @Nullable Listener listener;

	WebTransport(String path, WebTransportOptions options, NetworkOptions networkOptions) {
		this.path = path;
		this.options = options;
		this.networkOptions = networkOptions;
	}

	String path() {
		return this.path;
	}

	WebTransportOptions options() {
		return this.options;
	}

	NetworkOptions networkOptions() {
		return this.networkOptions;
	}

	@Override
	public synchronized void start(Listener listener) {
		if (this.listener != null) {
			return;
		}
		this.options.paths().add(this);
		this.listener = listener;
	}

	@Override
	public void stop() {
		List<WebPeer> open;
		synchronized (this) {
			if (this.listener == null) {
				return;
			}
			this.options.paths().remove(this);
			this.listener = null;
			open = new ArrayList<>(this.peers.values());
			this.peers.clear();
		}
		for (WebPeer peer : open) {
			peer.close(1001, "the server stops serving this API");
		}
	}

	@Override
	public boolean isRunning() {
		return this.listener != null;
	}

	/**
	 * Adds a peer, or refuses it past the maximum number of connections.
	 * @param peer the new peer
	 * @param kind {@code ws} or {@code http}, the start of its name
	 * @return the peer's name, or {@code null} if it is refused
	 */
	@Nullable String connected(WebPeer peer, String kind) {
		Listener current = this.listener;
		if (current == null) {
			return null;
		}
		if (peer.isDuplex() && this.peers.size() >= this.networkOptions.maxConnections()) {
			logger.warn("{} refuses a WebSocket session: {} sessions are open, the maximum", this,
					this.networkOptions.maxConnections());
			return null;
		}
		String name = kind + "-" + NAMES.incrementAndGet();
		this.peers.put(name, peer);
		current.peerConnected(name);
		return name;
	}

	/**
	 * Hands one message of a peer to the endpoint as one frame. A message larger than the maximum
	 * frame size closes its peer with status 1009 instead.
	 * @param name the peer's name
	 * @param message the message's bytes
	 */
	void received(String name, byte[] message) {
		Listener current = this.listener;
		WebPeer peer = this.peers.get(name);
		if (current == null || peer == null) {
			return;
		}
		if (message.length > this.networkOptions.maxFrameSize()) {
			logger.warn("{} closes '{}': it sent a message of {} bytes, more than the maximum frame size of {} bytes",
					this, name, message.length, this.networkOptions.maxFrameSize());
			peer.close(1009, "message too big: the limit is " + this.networkOptions.maxFrameSize() + " bytes");
			return;
		}
		synchronized (peer) {
			current.receivedFrame(name, ByteBuffer.wrap(message));
		}
	}

	/**
	 * Removes a peer whose connection ended.
	 * @param name the peer's name
	 */
	void disconnected(String name) {
		Listener current = this.listener;
		WebPeer peer = this.peers.remove(name);
		if (peer != null && current != null) {
			synchronized (peer) {
				current.peerDisconnected(name);
			}
		}
	}

	@Override
	public void send(byte[] data, @Nullable Collection<String> receivers) {
		Listener current = this.listener;
		if (current == null) {
			throw new TransportException("Cannot send on " + this + ": it is not running; start it first");
		}
		List<byte[]> frames = frames(current.framer(), data);
		if (receivers == null) {
			this.peers.forEach((name, peer) -> sendQuietly(name, peer, frames));
			return;
		}
		for (String receiver : receivers) {
			if (!this.peers.containsKey(receiver)) {
				throw new TransportException("Unknown receiver '" + receiver + "' on " + this + "; connected peers: "
						+ peers());
			}
		}
		for (String receiver : receivers) {
			sendTo(receiver, this.peers.get(receiver), frames, true);
		}
	}

	private void sendQuietly(String name, WebPeer peer, List<byte[]> frames) {
		try {
			sendTo(name, peer, frames, false);
		}
		catch (TransportException ex) {
			logger.debug("{} could not send to '{}': {}", this, name, ex.getMessage());
		}
	}

	/** Sends to one peer; a session that cannot take it (closed, or reading too slowly) is a peer no more. */
	private void sendTo(String name, @Nullable WebPeer peer, List<byte[]> frames, boolean addressed) {
		if (peer == null) {
			return;
		}
		try {
			peer.send(frames, addressed);
		}
		catch (TransportException ex) {
			if (peer.isDuplex()) {
				disconnected(name);
			}
			throw ex;
		}
	}

	/**
	 * Cuts what the codec wrote into its frames, each without its delimiter; a fresh framer per
	 * send, since sends run concurrently and each holds whole frames.
	 */
	static List<byte[]> frames(@Nullable Framer framer, byte[] data) {
		if (framer == null) {
			return List.of(data);
		}
		List<byte[]> frames = new ArrayList<>(2);
		framer.split(data, (offset, length) -> frames.add(Arrays.copyOfRange(data, offset, offset + length)));
		return frames;
	}

	/** Returns the WebSocket sessions; HTTP callers are peers only while their call lasts, and are not listed. */
	@Override
	public Set<String> peers() {
		Set<String> names = new TreeSet<>();
		this.peers.forEach((name, peer) -> {
			if (peer.isDuplex()) {
				names.add(name);
			}
		});
		return names;
	}

	@Override
	public Map<String, String> peerSecurityInfo(String name) {
		Principal principal = principal(name);
		if (principal == null || principal.getName() == null) {
			return Map.of();
		}
		return Map.of("user", principal.getName(), HTTP_PRINCIPAL, principal.getName());
	}

	/**
	 * Returns the principal the web server authenticated for a peer: the WebSocket handshake's,
	 * or the HTTP {@code POST}'s.
	 * @param name the peer's name
	 * @return the principal, or {@code null} if the peer is not this transport's or was not authenticated
	 */
	@Nullable Principal principal(String name) {
		WebPeer peer = this.peers.get(name);
		return (peer != null) ? peer.principal() : null;
	}

	@Override
	public boolean pauseReading(String name) {
		WebPeer peer = this.peers.get(name);
		return peer != null && peer.pauseReading();
	}

	@Override
	public void resumeReading(String name) {
		WebPeer peer = this.peers.get(name);
		if (peer != null) {
			peer.resumeReading();
		}
	}

	@Override
	public String toString() {
		return "web:" + this.path;
	}

}
