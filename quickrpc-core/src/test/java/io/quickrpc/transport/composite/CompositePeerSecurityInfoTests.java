package io.quickrpc.transport.composite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quickrpc.transport.IdleTransport;
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
	private static final class Verifying extends IdleTransport {

		private final String peer;

		private final Map<String, String> info;

		Verifying(String peer, Map<String, String> info) {
			this.peer = peer;
			this.info = info;
		}

		@Override
		public Map<String, String> peerSecurityInfo(String peer) {
			return this.peer.equals(peer) ? this.info : Map.of();
		}

	}

}
