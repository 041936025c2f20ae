package io.quickrpc.transport.stream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * Bytes written on one side, read on the other, as through an operating-system pipe: reads
 * block until there are bytes or the writing side is closed. Unbounded.
 */
final class Pipe {

	private final ByteArrayOutputStream buffered = new ByteArrayOutputStream();

	private boolean closed;

	final InputStream input = new InputStream() {

		@Override
		public int read() throws IOException {
			byte[] one = new byte[1];
			return (read(one, 0, 1) < 0) ? -1 : one[0] & 0xff;
		}

		@Override
		public int read(byte[] bytes, int from, int length) throws IOException {
			synchronized (Pipe.this) {
				while (Pipe.this.buffered.size() == 0 && !Pipe.this.closed) {
					try {
						Pipe.this.wait();
					}
					catch (InterruptedException ex) {
						throw new InterruptedIOException();
					}
				}
				if (Pipe.this.buffered.size() == 0) {
					return -1;
				}
				byte[] all = Pipe.this.buffered.toByteArray();
				int count = Math.min(length, all.length);
				System.arraycopy(all, 0, bytes, from, count);
				Pipe.this.buffered.reset();
				Pipe.this.buffered.write(all, count, all.length - count);
				return count;
			}
		}

	};

	final OutputStream output = new OutputStream() {

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		@Override
		public void write(byte[] bytes, int from, int length) throws IOException {
			synchronized (Pipe.this) {
				if (Pipe.this.closed) {
					throw new IOException("pipe closed");
				}
				Pipe.this.buffered.write(bytes, from, length);
				Pipe.this.notifyAll();
			}
		}

		@Override
		public void close() {
			closeWriting();
		}

	};

	/** Closes the writing side: the reader reads what is left, then the end of the stream. */
	synchronized void closeWriting() {
		this.closed = true;
		notifyAll();
	}

}
