package io.quickrpc.codec;

import java.io.OutputStream;
import java.util.Arrays;

import io.netty.util.concurrent.FastThreadLocal;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * A JSON generator per thread, kept open from one message to the next, writing into a buffer it
 * reuses: creating and closing a generator for every message cost more than writing a small one.
 * Root values follow each other without a separator, so each message starts where the buffer was
 * reset. A generator that failed mid-value is replaced, and a buffer grown past
 * {@link #MAX_KEPT_BYTES} is not kept.
 */
final class PayloadWriter {

	static final int MAX_KEPT_BYTES = 64 * 1024;

	private static final FastThreadLocal<PayloadWriter> WRITERS = new FastThreadLocal<>();

	private final JsonFactory json;

	private Buffer out = new Buffer();

	private JsonGenerator generator;

	private boolean inUse;

	/** Whether this is the thread's writer, kept for its next payload. */
	private boolean kept;

	private PayloadWriter(JsonFactory json) {
		this.json = json;
		this.generator = newGenerator();
	}

	/**
	 * Returns this thread's writer for the factory, ready for a new payload; a new one on a
	 * virtual thread, or if this thread's is busy (a nested call) or made by another factory.
	 */
	static PayloadWriter start(JsonFactory json) {
		if (VirtualThreads.isCurrent()) {
			return new PayloadWriter(json).started();
		}
		PayloadWriter writer = WRITERS.get();
		if (writer == null) {
			writer = new PayloadWriter(json);
			writer.kept = true;
			WRITERS.set(writer);
		}
		else if (writer.json != json || writer.inUse) {
			return new PayloadWriter(json).started();
		}
		return writer.started();
	}

	private PayloadWriter started() {
		this.inUse = true;
		this.out.reset();
		return this;
	}

	JsonGenerator generator() {
		return this.generator;
	}

	/** Ends the payload: everything written is in {@link #array()} up to {@link #size()}. */
	void finish() {
		this.generator.flush();
	}

	byte[] array() {
		return this.out.array();
	}

	int size() {
		return this.out.size();
	}

	/** Returns the payload followed by a suffix, as a new array. */
	byte[] toByteArray(byte[] suffix) {
		byte[] bytes = Arrays.copyOf(this.out.array(), this.out.size() + suffix.length);
		System.arraycopy(suffix, 0, bytes, this.out.size(), suffix.length);
		return bytes;
	}

	/**
	 * Gives the writer back. Its generator is closed, handing its buffers back, unless the writer
	 * is kept for the thread's next payload; a kept writer gets a new generator after a failure,
	 * and a new buffer if its buffer grew too large.
	 */
	void release(boolean failed) {
		this.inUse = false;
		if (!this.kept) {
			closeGenerator();
			return;
		}
		boolean oversized = this.out.array().length > MAX_KEPT_BYTES;
		if (failed || oversized) {
			closeGenerator();
			if (oversized) {
				this.out = new Buffer();
			}
			this.generator = newGenerator();
		}
	}

	private void closeGenerator() {
		try {
			this.generator.close();
		}
		catch (RuntimeException ex) {
			// a generator that failed mid-value may fail again while closing: it is dropped either way
		}
	}

	private JsonGenerator newGenerator() {
		return this.json.createGenerator(ObjectWriteContext.empty(), this.out);
	}

	/**
	 * A byte array output stream whose bytes can be read in place. Unlike
	 * {@link java.io.ByteArrayOutputStream}, it takes no lock for each write: a buffer is only
	 * ever used by one thread at a time.
	 */
	static final class Buffer extends OutputStream {

		private byte[] bytes = new byte[256];

		private int size;

		@Override
		public void write(int b) {
			ensureRoom(1);
			this.bytes[this.size++] = (byte) b;
		}

		@Override
		public void write(byte[] source, int offset, int length) {
			ensureRoom(length);
			System.arraycopy(source, offset, this.bytes, this.size, length);
			this.size += length;
		}

		void writeBytes(byte[] source) {
			write(source, 0, source.length);
		}

		private void ensureRoom(int more) {
			int needed = this.size + more;
			if (needed > this.bytes.length) {
				this.bytes = Arrays.copyOf(this.bytes, Math.max(needed, this.bytes.length * 2));
			}
		}

		void reset() {
			this.size = 0;
		}

		int size() {
			return this.size;
		}

		byte[] array() {
			return this.bytes;
		}

		byte[] toByteArray() {
			return Arrays.copyOf(this.bytes, this.size);
		}

	}

}
