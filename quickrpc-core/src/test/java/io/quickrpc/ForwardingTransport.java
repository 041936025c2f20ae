package io.quickrpc;

import java.util.Collection;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import io.quickrpc.transport.Transport;

/**
 * A transport that forwards the methods every transport must have to another, and keeps the
 * defaults of the optional ones (no pausing, no default receiver): tests override what they
 * change.
 */
class ForwardingTransport implements Transport {

	protected final Transport delegate;

	ForwardingTransport(Transport delegate) {
		this.delegate = delegate;
	}

	@Override
	public void start(Listener listener) {
		this.delegate.start(listener);
	}

	@Override
	public void stop() {
		this.delegate.stop();
	}

	@Override
	public boolean isRunning() {
		return this.delegate.isRunning();
	}

	@Override
	public void send(byte[] data, @Nullable Collection<String> receivers) {
		this.delegate.send(data, receivers);
	}

	@Override
	public Set<String> peers() {
		return this.delegate.peers();
	}

}
