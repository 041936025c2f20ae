package io.quickrpc.transport.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.quickrpc.transport.Transport;
import io.quickrpc.transport.TransportException;

/**
 * A transport over a pair of byte streams with one peer: this process's standard input and
 * output, or a child process's. A daemon thread reads; sends are written and flushed in the
 * caller's thread. While the peer is paused, the reader delivers nothing and reads no more than
 * the chunk it may be blocked on already; when resumed, it first hands the listener back what it
 * left, then reads on.
 */
final class StreamTransport implements Transport {

	private static final Logger logger = LoggerFactory.getLogger(StreamTransport.class);

	private final String description;

	private final String peer;

	private final StreamSource source;

	private final int maxFrameSize;

	private volatile @Nullable Connection connection;

	StreamTransport(String description, String peer, StreamSource source, int maxFrameSize) {
		this.description = description;
		this.peer = peer;
		this.source = source;
		this.maxFrameSize = maxFrameSize;
	}

	@Override
	public synchronized void start(Listener listener) {
		Connection current = this.connection;
		if (current != null && current.open) {
			return;
		}
		Streams streams;
		try {
			streams = this.source.open();
		}
		catch (IOException | RuntimeException ex) {
			throw new TransportException("Cannot start " + this.description + ": " + ex.getMessage(), ex);
		}
		Connection started = new Connection(streams, listener);
		this.connection = started;
		Thread reader = new Thread(started::read, "quickrpc-reader-" + this.description);
		reader.setDaemon(true);
		reader.start();
	}

	@Override
	public void stop() {
		Connection stopping;
		synchronized (this) {
			stopping = this.connection;
			this.connection = null;
		}
		if (stopping != null) {
			stopping.close();
		}
	}

	@Override
	public boolean isRunning() {
		Connection current = this.connection;
		return current != null && current.open;
	}

	@Override
	public void send(byte[] data, @Nullable Collection<String> receivers) {
		Connection current = this.connection;
		if (current == null || !current.open) {
			throw new TransportException("Cannot send on " + this.description + ": it is not running; start it first");
		}
		if (receivers != null) {
			for (String receiver : receivers) {
				if (!receiver.equals(this.peer)) {
					throw new TransportException("Unknown receiver '" + receiver + "' on " + this.description
							+ "; its only peer is '" + this.peer + "'");
				}
			}
		}
		current.write(data);
	}

	@Override
	public Set<String> peers() {
		return isRunning() ? Set.of(this.peer) : Set.of();
	}

	@Override
	public boolean pauseReading(String peer) {
		Connection current = this.connection;
		return current != null && this.peer.equals(peer) && current.pause();
	}

	@Override
	public void resumeReading(String peer) {
		Connection current = this.connection;
		if (current != null && this.peer.equals(peer)) {
			current.resume();
		}
	}

	@Override
	public String toString() {
		return this.description;
	}

	/** Opens the streams when the transport starts. */
	interface StreamSource {

		Streams open() throws IOException;

	}

	/** An input and an output stream, and how to end them. */
	interface Streams {

		InputStream input();

		OutputStream output();

		/** Ends the streams (and whatever feeds them); called once. */
		void close();

	}

	/** One run, from start to stop or end of input. */
	private final class Connection {

		private final Streams streams;

		private final Listener listener;

		volatile boolean open = true;

		private boolean closed;

		/** Whether the peer is paused: set under {@link #pauseLock}, which the reader waits on. */
		private volatile boolean paused;

		private final Object pauseLock = new Object();

		Connection(Streams streams, Listener listener) {
			this.streams = streams;
			this.listener = listener;
		}

		void read() {
			String peer = StreamTransport.this.peer;
			synchronized (this) {
				if (!this.open) {
					return;
				}
				this.listener.peerConnected(peer);
			}
			ByteBuffer buffer = ByteBuffer.allocate(8192);
			byte[] chunk = new byte[8192];
			try {
				InputStream input = this.streams.input();
				while (this.open) {
					if (this.paused) {
						awaitResumed();
						if (buffer.position() > 0) {
							// what the listener left as it paused, handed back before reading on
							buffer.flip();
							boolean delivered = deliverWhenResumed(peer, buffer);
							buffer.compact();
							if (!delivered) {
								break;
							}
						}
						continue;
					}
					int count = input.read(chunk);
					if (count < 0) {
						break;
					}
					if (buffer.remaining() < count) {
						buffer = grow(buffer, count);
					}
					buffer.put(chunk, 0, count).flip();
					boolean delivered = deliverWhenResumed(peer, buffer);
					buffer.compact();
					if (!delivered) {
						break;
					}
					if (buffer.position() > StreamTransport.this.maxFrameSize && !this.paused) {
						logger.warn("Dropping peer '{}' on {}: it sent {} bytes without completing a message, more than "
								+ "the maximum frame size of {} bytes", peer, StreamTransport.this.description,
								buffer.position(), StreamTransport.this.maxFrameSize);
						break;
					}
				}
			}
			catch (IOException ex) {
				if (this.open) {
					logger.warn("Reading from {} failed: {}", StreamTransport.this.description, ex.getMessage());
				}
			}
			catch (RuntimeException ex) {
				// the listener failed: end this connection visibly rather than let the reader die silently
				logger.warn("Closing {}: its listener failed", StreamTransport.this.description, ex);
			}
			synchronized (this) {
				boolean wasOpen = this.open;
				close();
				if (wasOpen) {
					this.listener.peerDisconnected(peer);
				}
			}
		}

		/**
		 * Hands bytes to the listener once the peer is not paused, unless the transport stopped:
		 * under the lock that {@link #close()} takes, so that once stop() returns nothing more is
		 * delivered, and checking the pause under it, so that once pause() returns nothing is.
		 * @return whether the bytes were delivered; {@code false} once stopped
		 */
		private boolean deliverWhenResumed(String peer, ByteBuffer buffer) throws InterruptedIOException {
			while (true) {
				awaitResumed();
				synchronized (this) {
					if (!this.open) {
						return false;
					}
					if (!this.paused) {
						this.listener.received(peer, buffer);
						return true;
					}
				}
			}
		}

		/** Waits while the peer is paused and the run is open. */
		private void awaitResumed() throws InterruptedIOException {
			synchronized (this.pauseLock) {
				while (this.paused && this.open) {
					try {
						this.pauseLock.wait();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						throw new InterruptedIOException("interrupted while paused");
					}
				}
			}
		}

		/** Pauses the peer; returns whether the run is open. */
		boolean pause() {
			synchronized (this.pauseLock) {
				this.paused = this.open;
				return this.open;
			}
		}

		void resume() {
			synchronized (this.pauseLock) {
				this.paused = false;
				this.pauseLock.notifyAll();
			}
		}

		private static ByteBuffer grow(ByteBuffer buffer, int needed) {
			ByteBuffer larger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + needed));
			buffer.flip();
			return larger.put(buffer);
		}

		void write(byte[] data) {
			OutputStream output = this.streams.output();
			synchronized (output) {
				try {
					output.write(data);
					output.flush();
				}
				catch (IOException ex) {
					throw new TransportException("Cannot send on " + StreamTransport.this.description + ": "
							+ ex.getMessage(), ex);
				}
			}
		}

		/** Ends the run; waits for a delivery in progress on another thread to finish. */
		synchronized void close() {
			this.open = false;
			synchronized (this.pauseLock) {
				this.pauseLock.notifyAll(); // a paused reader ends
			}
			if (!this.closed) {
				this.closed = true;
				this.streams.close();
			}
		}

	}

}
