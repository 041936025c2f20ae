package io.quickrpc.spring.web;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.quickrpc.transport.TransportException;

/**
 * Counts the bytes that wait to be written to one WebSocket session, and closes the session
 * that lets more than the maximum pile up: a browser that reads too slowly is dropped rather
 * than remembered without bound.
 */
final class QueuedBytes {

	private static final Logger logger = LoggerFactory.getLogger(QueuedBytes.class);

	/** Close status: the session broke the server's policy, here by not reading. */
	private static final int POLICY_VIOLATION = 1008;

	private final AtomicLong bytes = new AtomicLong();

	private final long max;

	QueuedBytes(long max) {
		this.max = max;
	}

	/**
	 * Counts frames about to wait for a session.
	 * @param frames the frames
	 * @param session the session's id, for messages
	 * @param open whether the session is open
	 * @param peer the peer to close past the bound
	 * @throws TransportException if the session is closed, or closed now for reading too slowly
	 */
	void add(List<byte[]> frames, String session, boolean open, WebPeer peer) {
		if (!open) {
			throw new TransportException("The WebSocket session " + session + " is closed; the message was not sent");
		}
		long size = 0;
		for (byte[] frame : frames) {
			size += frame.length;
		}
		if (this.bytes.addAndGet(size) > this.max) {
			this.bytes.addAndGet(-size);
			logger.warn("Closing WebSocket session {}: more than {} bytes wait to be sent to it; it reads too slowly",
					session, this.max);
			peer.close(POLICY_VIOLATION, "reading too slowly");
			throw new TransportException("The WebSocket session " + session + " reads too slowly: more than "
					+ this.max + " bytes wait for it; it was closed and the message was not sent");
		}
	}

	/**
	 * Counts bytes taken for writing.
	 * @param count how many
	 */
	void taken(int count) {
		this.bytes.addAndGet(-count);
	}

}
