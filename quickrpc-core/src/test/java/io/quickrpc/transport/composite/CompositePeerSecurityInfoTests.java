package io.quickrpc.transport.composite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import io.quickrpc.transport.Transport;

/**
 * What a transport verified of its peers, such as the principal a web server authenticated,
 * reaches the endpoint through the transports that wrap it.
 */
class CompositePeerSecurityInfoTests {

	private final Transport verifying = new Verifying("alice:1", Map.of("user", "alice"));

	@Test
	void muxAsksEachOfItsTransportsForThePeer() {
		Transport mux = new MuxTransport(List.of(new Verifying("bob:2", Map.of()), this.verifying));

		assertThat(mux.peerSecurityInfo("alice:1")).containsExactly(Map.entry("user", "alice"));
		assertThat(mux.peerSecurityInfo("carol:3")).isEmpty();
	}

	@Test
	void restartAsksTheTransportItKeepsRunning() {
		Transport restart = CompositeTransports.restart(this.verifying, RestartOptions.builder().build());

		assertThat(restart.peerSecurityInfo("alice:1")).containsExactly(Map.entry("user", "alice"));
		assertThat(restart.peerSecurityInfo("carol:3")).isEmpty();
	}

	/** Vouches for one peer. */
	private record Verifying(String peer, Map<String, String> info) implements Transport {

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
			return Set.of(this.peer);
		}

		@Override
		public Map<String, String> peerSecurityInfo(String peer) {
			return this.peer.equals(peer) ? this.info : Map.of();
		}

	}

}
