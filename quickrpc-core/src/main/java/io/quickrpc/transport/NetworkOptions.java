package io.quickrpc.transport;

import java.time.Duration;

/**
 * Settings of the network transports that expressions cannot carry: how large a message may
 * grow before its sender is dropped, and an optional keepalive message.
 *
 * @param maxFrameSize the most bytes a peer may send without completing a message; past it the
 * peer is disconnected, default 1 MiB
 * @param keepaliveInterval how long a connection may be silent before the keepalive message is
 * sent, {@link Duration#ZERO} for never (the default)
 * @param keepaliveMessage the bytes sent as keepalive, such as an empty frame of the codec
 */
public record NetworkOptions(int maxFrameSize, Duration keepaliveInterval, byte[] keepaliveMessage) {

	/** The default maximum frame size: 1 MiB. */
	public static final int DEFAULT_MAX_FRAME_SIZE = 1024 * 1024;

	private static final NetworkOptions DEFAULTS = new NetworkOptions(DEFAULT_MAX_FRAME_SIZE, Duration.ZERO,
			new byte[0]);

	/**
	 * Checks the settings.
	 * @param maxFrameSize at least 1
	 * @param keepaliveInterval zero or positive
	 * @param keepaliveMessage not empty when the interval is positive
	 */
	public NetworkOptions {
		if (maxFrameSize < 1) {
			throw new IllegalArgumentException("maxFrameSize must be at least 1 byte, not " + maxFrameSize);
		}
		if (keepaliveInterval.isNegative()) {
			throw new IllegalArgumentException("keepaliveInterval must not be negative, not " + keepaliveInterval);
		}
		if (!keepaliveInterval.isZero() && keepaliveMessage.length == 0) {
			throw new IllegalArgumentException("a keepalive interval needs a keepalive message");
		}
		keepaliveMessage = keepaliveMessage.clone();
	}

	/**
	 * Returns the defaults: 1 MiB frames, no keepalive.
	 * @return the default options
	 */
	public static NetworkOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Returns these options with another maximum frame size.
	 * @param size the size in bytes
	 * @return new options
	 */
	public NetworkOptions withMaxFrameSize(int size) {
		return new NetworkOptions(size, this.keepaliveInterval, this.keepaliveMessage);
	}

	/**
	 * Returns these options with a keepalive message.
	 * @param interval how long a connection may be silent
	 * @param message the bytes to send then
	 * @return new options
	 */
	public NetworkOptions withKeepalive(Duration interval, byte[] message) {
		return new NetworkOptions(this.maxFrameSize, interval, message);
	}

	@Override
	public byte[] keepaliveMessage() {
		return this.keepaliveMessage.clone();
	}

}
