package io.quickrpc.transport;

import java.util.Collection;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A transport that never runs, has no peers and sends nothing: tests override what they ask of
 * a transport.
 */
public class IdleTransport implements Transport {

	@Override
	public void start(Listener listener) {
	}

	@Override
	public void stop() {
	}

	@Override
	public boolean isRunning() {
		return false;
	}

	@Override
	public void send(byte[] data, @Nullable Collection<String> receivers) {
	}

	@Override
	public Set<String> peers() {
		return Set.of();
	}

}
