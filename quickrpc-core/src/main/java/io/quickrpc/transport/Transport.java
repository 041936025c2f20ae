package io.quickrpc.transport;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Carries bytes between this process and its peers, each peer known by a name (such as
 * {@code host:port}). A transport knows nothing of messages: it hands what arrives to its
 * {@link Listener}, keeping per peer the bytes the listener left unconsumed, and sends what it
 * is given. Implementations must be safe for concurrent use.
 * <p>
 * Lifecycle: {@link #start(Listener)} and {@link #stop()} are idempotent. For each peer, the
 * listener sees {@link Listener#peerConnected(String)} first, then any number of
 * {@link Listener#received(String, ByteBuffer)}, then {@link Listener#peerDisconnected(String)}
 * at most once, all on one thread at a time. After {@code stop()} returns, no callback follows.
 */
public interface Transport {

	/**
	 * Starts the transport, delivering to {@code listener}. Does nothing if already running.
	 * @param listener receives bytes and peer events
	 * @throws TransportException if the transport cannot start (a port in use, a connection
	 * refused), with the address in the message
	 */
	void start(Listener listener);

	/**
	 * Stops the transport and disconnects its peers. Does nothing if not running.
	 */
	void stop();

	/**
	 * Returns whether the transport is started and not stopped.
	 * @return whether it is running
	 */
	boolean isRunning();

	/**
	 * Sends bytes to some or all peers.
	 * <p>
	 * A peer that does not read what it is sent never holds back a thread that serves others:
	 * on a {@linkplain ServingThreads serving thread} a send never waits; past a bound of bytes
	 * waiting for one peer, the transport drops that peer instead. Other threads may wait for
	 * room, for a bounded time, which pushes back on the code that sends too fast.
	 * @param data the bytes, which the caller does not change afterwards
	 * @param receivers the names of the peers to send to, or {@code null} for every peer
	 * @throws TransportException if the transport is not running or a receiver is unknown
	 */
	void send(byte[] data, @Nullable Collection<String> receivers);

	/**
	 * Returns the names of the peers connected now.
	 * @return a snapshot of the peer names
	 */
	Set<String> peers();

	/**
	 * Returns the peer that a request goes to when its caller names none, for transports among
	 * whose peers one stands for many, such as a load-balanced service group: the endpoint sends
	 * a request without a {@code @Peer} argument there, however many other peers are connected.
	 * Notifications without receivers still go to every peer.
	 * @return the peer's name, or {@code null} (the default) for none: such a request then needs
	 * exactly one connected peer
	 */
	default @Nullable String defaultReceiver() {
		return null;
	}

	/**
	 * Returns what the transport verified of a peer's identity, such as the subject of the
	 * certificate it presented in a TLS handshake. Endpoints hand it to handlers as security
	 * information entry {@code tls.peer}.
	 * @param peer the peer's name
	 * @return the verified identity, or {@code null} if the transport verified none
	 */
	default @Nullable String peerIdentity(String peer) {
		return null;
	}

	/**
	 * Returns what else the transport verified of a peer, as security information entries, such
	 * as the principal a web server authenticated ({@code user} and {@code http.principal}).
	 * Endpoints hand them to handlers along with what the security provider vouches for, whose
	 * entries take precedence.
	 * @param peer the peer's name
	 * @return the entries, empty (the default) if the transport verified nothing more
	 */
	default Map<String, String> peerSecurityInfo(String peer) {
		return Map.of();
	}

	/**
	 * Returns the address this transport listens on, for transports that listen; with port 0 in
	 * the expression, this tells the port the system chose.
	 * @return the bound address, or {@code null} if this transport does not listen or is not
	 * running
	 */
	default @Nullable InetSocketAddress localAddress() {
		return null;
	}

	/**
	 * Stops reading from a peer until {@link #resumeReading(String)}: what it sends waits in its
	 * connection, and a stream transport, such as TCP, then slows the sender down. The endpoint
	 * calls this while a peer's received calls wait for handlers beyond its bound. A peer may still
	 * deliver the rest of what was read before the call returns. Calls for a peer that is gone do
	 * nothing.
	 * @param peer the peer's name
	 * @return whether the transport holds the peer back; {@code false} if it cannot (datagrams, a
	 * broker), in which case the endpoint drops the calls it has no room for, and counts
	 * them
	 */
	default boolean pauseReading(String peer) {
		return false;
	}

	/**
	 * Reads from a peer again after {@link #pauseReading(String)}.
	 * @param peer the peer's name
	 */
	default void resumeReading(String peer) {
	}

	/**
	 * Receives what a {@link Transport} delivers.
	 */
	interface Listener {

		/**
		 * Called with the bytes received from a peer, preceded by what was left of the previous
		 * call. The listener consumes whole messages, advancing the buffer's position; the
		 * transport keeps what remains for the next call. The buffer is valid only during the
		 * call.
		 * @param peer the sender's name
		 * @param data the bytes
		 */
		void received(String peer, ByteBuffer data);

		/**
		 * Called when a peer connects.
		 * @param peer the peer's name
		 */
		default void peerConnected(String peer) {
		}

		/**
		 * Called when a peer disconnects.
		 * @param peer the peer's name
		 */
		default void peerDisconnected(String peer) {
		}

	}

}
