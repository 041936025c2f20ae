package io.quickrpc.transport.stream;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * An input stream that is not ours to close, such as standard input, read by one daemon thread
 * for every run of a transport: each run reads through a view that its stop closes, which ends
 * the run's reader at once. A read blocked on the stream itself cannot be woken without closing
 * it, so that one thread stays blocked between runs, and keeps what it reads next for the next
 * run: nothing is lost, and nothing reaches a stopped run.
 */
final class SharedInput {

	private final InputStream source;

	private final String threadName;

	private final Object lock = new Object();

	private @Nullable Thread reader;

	/** A chunk read and not yet taken, from {@link #offset}; at most one is read ahead. */
	private byte @Nullable [] pending;

	private int offset;

	private boolean ended;

	private @Nullable IOException failure;

	SharedInput(InputStream source, String threadName) {
		this.source = source;
		this.threadName = threadName;
	}

	/** Opens a view for one run; closing the view ends its reads, not the stream. */
	View open() {
		return new View();
	}

	private void startReader() {
		if (this.reader == null) {
			Thread thread = new Thread(this::readAhead, this.threadName);
			thread.setDaemon(true);
			this.reader = thread;
			thread.start();
		}
	}

	private void readAhead() {
		byte[] buffer = new byte[8192];
		while (true) {
			synchronized (this.lock) {
				while (this.pending != null) {
					try {
						this.lock.wait();
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}
			int count;
			IOException failed = null;
			try {
				count = this.source.read(buffer);
			}
			catch (IOException ex) {
				count = -1;
				failed = ex;
			}
			synchronized (this.lock) {
				if (count < 0) {
					this.ended = true;
					this.failure = failed;
				}
				else {
					this.pending = Arrays.copyOf(buffer, count);
					this.offset = 0;
				}
				this.lock.notifyAll();
				if (this.ended) {
					return;
				}
			}
		}
	}

	/** What one run reads. */
	final class View extends InputStream {

		private boolean closed;

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return (read(one, 0, 1) < 0) ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] bytes, int from, int length) throws IOException {
			Object lock = SharedInput.this.lock;
			synchronized (lock) {
				startReader();
				while (SharedInput.this.pending == null && !SharedInput.this.ended && !this.closed) {
					try {
						lock.wait();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						throw new InterruptedIOException("interrupted while waiting for input");
					}
				}
				byte[] chunk = SharedInput.this.pending;
				if (this.closed) {
					return -1;
				}
				if (chunk == null) {
					IOException failed = SharedInput.this.failure;
					if (failed != null) {
						throw failed;
					}
					return -1;
				}
				int count = Math.min(length, chunk.length - SharedInput.this.offset);
				System.arraycopy(chunk, SharedInput.this.offset, bytes, from, count);
				SharedInput.this.offset += count;
				if (SharedInput.this.offset == chunk.length) {
					SharedInput.this.pending = null;
					lock.notifyAll();
				}
				return count;
			}
		}

		@Override
		public void close() {
			synchronized (SharedInput.this.lock) {
				this.closed = true;
				SharedInput.this.lock.notifyAll();
			}
		}

	}

}
