package io.quickrpc.spring.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.Principal;
import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import io.quickrpc.spi.Registry;
import io.quickrpc.transport.Transport;
import io.quickrpc.transport.network.NetworkOptions;

/**
 * {@link WebPaths#principal}: the principal of a peer of a {@code web:} transport served by the
 * application, and of no other transport's peer, so that a caller of another transport never runs
 * with a web request's authentication.
 */
class WebPathsTests {

	private static final Principal ALICE = () -> "alice";

	private final WebPaths paths = new WebPaths();

	@Test
	void aPeerOfARunningWebTransportHasThePrincipalItsRequestWasAuthenticatedWith() {
		WebTransport transport = started(this.paths, "/rpc/a");
		String peer = transport.connected(new AuthenticatedPeer(ALICE), "ws");
		assertThat(this.paths.principal(transport, peer)).isSameAs(ALICE);
	}

	@Test
	void aPeerWithoutPrincipalOrOfAnotherWebTransportHasNone() {
		WebTransport transport = started(this.paths, "/rpc/a");
		String anonymous = transport.connected(new AuthenticatedPeer(null), "ws");
		String other = started(this.paths, "/rpc/b").connected(new AuthenticatedPeer(ALICE), "ws");
		assertThat(this.paths.principal(transport, anonymous)).isNull();
		assertThat(this.paths.principal(transport, other)).isNull();
	}

	@Test
	void theSameNameOnAnotherTransportHasNone() {
		String peer = started(this.paths, "/rpc/a").connected(new AuthenticatedPeer(ALICE), "ws");
		Transport internal = Registry.transports().create("internal:web-paths-tests");
		assertThat(this.paths.principal(internal, peer)).isNull();
	}

	@Test
	void aWebTransportServedByAnotherApplicationOrStoppedHasNone() {
		WebTransport elsewhere = started(new WebPaths(), "/rpc/a");
		String peer = elsewhere.connected(new AuthenticatedPeer(ALICE), "ws");
		assertThat(this.paths.principal(elsewhere, peer)).isNull();
		WebTransport stopped = started(this.paths, "/rpc/b");
		String gone = stopped.connected(new AuthenticatedPeer(ALICE), "ws");
		stopped.stop();
		assertThat(this.paths.principal(stopped, gone)).isNull();
	}

	private static WebTransport started(WebPaths paths, String path) {
		WebTransport transport = new WebTransport(path,
				new WebTransportOptions(paths, List.of(), Duration.ofSeconds(10), "jrpc"), NetworkOptions.defaults());
		transport.start((peer, data) -> {
		});
		return transport;
	}

	/** A session the web server authenticated as a principal, or not at all. */
	private record AuthenticatedPeer(@Nullable Principal principal) implements WebPeer {

		@Override
		public void send(List<byte[]> frames, boolean addressed) {
		}

		@Override
		public void close(int code, String reason) {
		}

	}

}
