package io.quickrpc.transport.network;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Settings of the network transports ({@code tcp}, {@code tcpserv}, {@code udp}, {@code ws},
 * {@code wss}, {@code wsserv}) that expressions do not carry: the limits that keep a peer from exhausting the process, keepalive,
 * TLS, and the event loops they run on. The frame limit also applies to {@code stdio},
 * {@code process} and {@code internal}. Each limit
 * has a safe default. Apply options to transports created from expressions with
 * {@code Registry.transports().with(NetworkOptions.class, options)}, or create transports directly with
 * {@link NetworkTransports}.
 * <p>
 * Instances are immutable; {@link #toBuilder()} starts a modified copy.
 */
public final class NetworkOptions {

	/** The default maximum frame size: 1 MiB. */
	public static final int DEFAULT_MAX_FRAME_SIZE = 1024 * 1024;

	/** The default maximum number of connections a server accepts at once: 4,096. */
	public static final int DEFAULT_MAX_CONNECTIONS = 4096;

	/** The default bound on bytes queued for one peer that does not read them: 4 MiB. */
	public static final int DEFAULT_MAX_QUEUED_BYTES = 4 * 1024 * 1024;

	/** How long, by default, a sender waits for a peer that does not read before dropping it: 10 s. */
	public static final Duration DEFAULT_SLOW_PEER_TIMEOUT = Duration.ofSeconds(10);

	/** How long, by default, a peer may take to finish a message it has started: 30 s. */
	public static final Duration DEFAULT_FRAME_TIMEOUT = Duration.ofSeconds(30);

	/** How long, by default, a connection may be silent before it is closed: never. */
	public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ZERO;

	private static final NetworkOptions DEFAULTS = builder().build();

	private final int maxFrameSize;

	private final int maxConnections;

	private final int maxQueuedBytes;

	private final Duration slowPeerTimeout;

	private final Duration frameTimeout;

	private final Duration idleTimeout;

	private final Duration keepaliveInterval;

	private final byte[] keepaliveMessage;

	private final @Nullable TlsOptions tls;

	private final EventLoops eventLoops;

	private NetworkOptions(Builder builder) {
		this.maxFrameSize = builder.maxFrameSize;
		this.maxConnections = builder.maxConnections;
		this.maxQueuedBytes = builder.maxQueuedBytes;
		this.slowPeerTimeout = builder.slowPeerTimeout;
		this.frameTimeout = builder.frameTimeout;
		this.idleTimeout = builder.idleTimeout;
		this.keepaliveInterval = builder.keepaliveInterval;
		this.keepaliveMessage = builder.keepaliveMessage.clone();
		this.tls = builder.tls;
		this.eventLoops = builder.eventLoops;
	}

	/**
	 * Returns the defaults: 1 MiB frames, 4,096 connections per server, 4 MiB queued per peer, 10 s
	 * for a peer that does not read, 30 s to finish a message, no idle timeout, no keepalive, no TLS.
	 * @return the default options
	 */
	public static NetworkOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Starts options from the defaults.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Starts options from these.
	 * @return a new builder holding these settings
	 */
	public Builder toBuilder() {
		Builder builder = new Builder();
		builder.maxFrameSize = this.maxFrameSize;
		builder.maxConnections = this.maxConnections;
		builder.maxQueuedBytes = this.maxQueuedBytes;
		builder.slowPeerTimeout = this.slowPeerTimeout;
		builder.frameTimeout = this.frameTimeout;
		builder.idleTimeout = this.idleTimeout;
		builder.keepaliveInterval = this.keepaliveInterval;
		builder.keepaliveMessage = this.keepaliveMessage;
		builder.tls = this.tls;
		builder.eventLoops = this.eventLoops;
		return builder;
	}

	/**
	 * Returns the most bytes a peer may send without completing a message; past it the peer is
	 * disconnected.
	 * @return the maximum frame size in bytes
	 */
	public int maxFrameSize() {
		return this.maxFrameSize;
	}

	/**
	 * Returns how many connections a server accepts at once; it closes those beyond, with a log
	 * line.
	 * @return the maximum number of connections
	 */
	public int maxConnections() {
		return this.maxConnections;
	}

	/**
	 * Returns how many bytes may wait to be sent to one peer. Past it:
	 * <ul>
	 * <li>a {@linkplain io.quickrpc.transport.ServingThreads serving thread} (an endpoint's handler
	 * thread, an event-loop thread) never waits: it still queues the message, up to twice the bound,
	 * and beyond that drops the peer;</li>
	 * <li>any other thread that sends to the peer waits until the peer has read enough, at most
	 * {@link #slowPeerTimeout()}, then drops the peer;</li>
	 * <li>the transport stops reading from the peer until what waits for it falls under half the
	 * bound: a peer that does not read its replies has no more requests read;</li>
	 * <li>the peer is dropped if it does not read what waits for it down to half the bound within
	 * {@link #slowPeerTimeout()}, even if nothing more is sent to it.</li>
	 * </ul>
	 * A peer that does not read what it is sent thus cannot fill the heap, nor hold back a thread
	 * that serves others.
	 * @return the bound in bytes
	 */
	public int maxQueuedBytes() {
		return this.maxQueuedBytes;
	}

	/**
	 * Returns how long a peer may have more than {@link #maxQueuedBytes()} waiting for it, and a
	 * sender that is not a serving thread may wait for it; after that the peer is considered not
	 * to read and is disconnected.
	 * @return the timeout
	 */
	public Duration slowPeerTimeout() {
		return this.slowPeerTimeout;
	}

	/**
	 * Returns how long a TCP or WebSocket peer may take to finish a message once it has sent part of it. A peer
	 * that sends a message a few bytes at a time (slowloris) is disconnected then, with a WARN line
	 * written at most once a second, however many peers are disconnected so. While the transport
	 * does not read from the peer (see {@link #maxQueuedBytes()} and
	 * {@link io.quickrpc.transport.Transport#pauseReading(String)}), the time does not run; it starts
	 * again when reading resumes. The bytes a peer sends of one message are bounded by
	 * {@link #maxFrameSize()} whatever the time it takes.
	 * @return the timeout, {@link Duration#ZERO} for never
	 */
	public Duration frameTimeout() {
		return this.frameTimeout;
	}

	/**
	 * Returns how long a TCP or WebSocket peer may send nothing before it is disconnected, with a DEBUG line.
	 * Peers that should stay connected while idle send a keepalive more often than this. While the
	 * transport does not read from the peer, the time does not run.
	 * @return the timeout, {@link Duration#ZERO} for never
	 */
	public Duration idleTimeout() {
		return this.idleTimeout;
	}

	/**
	 * Returns how long a connection may be silent before the keepalive message is sent.
	 * @return the interval, {@link Duration#ZERO} for never
	 */
	public Duration keepaliveInterval() {
		return this.keepaliveInterval;
	}

	/**
	 * Returns the bytes sent as keepalive; WebSocket transports send a ping instead.
	 * @return a copy of the message, empty without keepalive
	 */
	public byte[] keepaliveMessage() {
		return this.keepaliveMessage.clone();
	}

	/**
	 * Returns the TLS settings.
	 * @return the settings, or {@code null} for plain TCP
	 */
	public @Nullable TlsOptions tls() {
		return this.tls;
	}

	/**
	 * Returns the event loops that network transports run on.
	 * @return the event loops, {@link EventLoops#shared()} unless set
	 */
	public EventLoops eventLoops() {
		return this.eventLoops;
	}

	@Override
	public String toString() {
		return "NetworkOptions[maxFrameSize=" + this.maxFrameSize + ", maxConnections=" + this.maxConnections
				+ ", maxQueuedBytes=" + this.maxQueuedBytes + ", slowPeerTimeout=" + this.slowPeerTimeout
				+ ", frameTimeout=" + this.frameTimeout + ", idleTimeout=" + this.idleTimeout
				+ ", keepaliveInterval=" + this.keepaliveInterval
				+ ", tls=" + this.tls + ", eventLoops=" + this.eventLoops + "]";
	}

	/**
	 * Builds {@link NetworkOptions}; each setting is checked when it is set.
	 */
	public static final class Builder {

		private int maxFrameSize = DEFAULT_MAX_FRAME_SIZE;

		private int maxConnections = DEFAULT_MAX_CONNECTIONS;

		private int maxQueuedBytes = DEFAULT_MAX_QUEUED_BYTES;

		private Duration slowPeerTimeout = DEFAULT_SLOW_PEER_TIMEOUT;

		private Duration frameTimeout = DEFAULT_FRAME_TIMEOUT;

		private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;

		private Duration keepaliveInterval = Duration.ZERO;

		private byte[] keepaliveMessage = new byte[0];

		private @Nullable TlsOptions tls;

		private EventLoops eventLoops = EventLoops.shared();

		private Builder() {
		}

		/**
		 * Sets the most bytes a peer may send without completing a message.
		 * @param bytes at least 1
		 * @return this builder
		 */
		public Builder maxFrameSize(int bytes) {
			this.maxFrameSize = positive("maxFrameSize", bytes);
			return this;
		}

		/**
		 * Sets how many connections a server accepts at once.
		 * @param connections at least 1
		 * @return this builder
		 */
		public Builder maxConnections(int connections) {
			this.maxConnections = positive("maxConnections", connections);
			return this;
		}

		/**
		 * Sets how many bytes may wait to be sent to one peer before senders wait, reading from it
		 * stops, and past twice as many it is disconnected.
		 * @param bytes at least 1
		 * @return this builder
		 */
		public Builder maxQueuedBytes(int bytes) {
			this.maxQueuedBytes = positive("maxQueuedBytes", bytes);
			return this;
		}

		/**
		 * Sets how long a peer that does not read may have too much waiting for it before it is
		 * disconnected.
		 * @param timeout positive
		 * @return this builder
		 */
		public Builder slowPeerTimeout(Duration timeout) {
			if (timeout.isNegative() || timeout.isZero()) {
				throw new IllegalArgumentException("slowPeerTimeout must be positive, not " + timeout);
			}
			this.slowPeerTimeout = timeout;
			return this;
		}

		/**
		 * Sets how long a TCP peer may take to finish a message it has started before it is
		 * disconnected.
		 * @param timeout how long; {@link Duration#ZERO} for never
		 * @return this builder
		 */
		public Builder frameTimeout(Duration timeout) {
			this.frameTimeout = notNegative("frameTimeout", timeout);
			return this;
		}

		/**
		 * Sets how long a TCP peer may send nothing before it is disconnected.
		 * @param timeout how long; {@link Duration#ZERO} for never
		 * @return this builder
		 */
		public Builder idleTimeout(Duration timeout) {
			this.idleTimeout = notNegative("idleTimeout", timeout);
			return this;
		}

		/**
		 * Sends a keepalive message on connections silent for the given time.
		 * @param interval how long a connection may be silent; {@link Duration#ZERO} for never
		 * @param message the bytes to send, such as an empty frame of the codec; not empty unless
		 * the interval is zero
		 * @return this builder
		 */
		public Builder keepalive(Duration interval, byte[] message) {
			if (interval.isNegative()) {
				throw new IllegalArgumentException("keepalive interval must not be negative, not " + interval);
			}
			if (!interval.isZero() && message.length == 0) {
				throw new IllegalArgumentException(
						"a keepalive interval needs a keepalive message, such as an empty frame of the codec");
			}
			this.keepaliveInterval = interval;
			this.keepaliveMessage = message.clone();
			return this;
		}

		/**
		 * Encrypts connections with TLS.
		 * @param tls the TLS settings, or {@code null} for plain TCP
		 * @return this builder
		 */
		public Builder tls(@Nullable TlsOptions tls) {
			this.tls = tls;
			return this;
		}

		/**
		 * Runs network transports on the given event loops rather than on the shared ones.
		 * @param eventLoops the event loops, which the caller closes when done
		 * @return this builder
		 */
		public Builder eventLoops(EventLoops eventLoops) {
			this.eventLoops = eventLoops;
			return this;
		}

		/**
		 * Builds the options.
		 * @return the options
		 */
		public NetworkOptions build() {
			return new NetworkOptions(this);
		}

		private static Duration notNegative(String name, Duration value) {
			if (value.isNegative()) {
				throw new IllegalArgumentException(name + " must not be negative, not " + value
						+ "; use Duration.ZERO for never");
			}
			return value;
		}

		private static int positive(String name, int value) {
			if (value < 1) {
				throw new IllegalArgumentException(name + " must be at least 1, not " + value);
			}
			return value;
		}

	}

}
