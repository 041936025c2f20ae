package io.quickrpc.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.net.URI;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import io.quickrpc.spi.Registry;
import io.quickrpc.transport.network.EventLoops;
import io.quickrpc.transport.network.NetworkOptions;
import io.quickrpc.transport.network.NetworkTransports;

/** The transport contract for {@code ws}, connecting to a {@code wsserv} of its own event loops. */
class WebSocketClientTransportTests extends AbstractTransportTest {

	private final EventLoops serverLoops = closeAfter(EventLoops.create(new RecordingThreads("test-ws-server")));

	private final Transport server = NetworkTransports.webSocketServer("127.0.0.1", 0, "/rpc",
			NetworkOptions.builder().eventLoops(this.serverLoops).build());

	private Remotes.@Nullable TransportRemote remote;

	@Override
	protected Transport createSubject(Registry<Transport> transports) {
		this.remote = closeAfter(new Remotes.TransportRemote(this.server, null));
		return transports.create("ws:127.0.0.1:" + this.server.localAddress().getPort() + "/rpc");
	}

	@Override
	protected Remote connect(Transport subject) {
		return this.remote;
	}

	@Test
	void aPathTheServerDoesNotServeFailsTheStartAndSaysWhy() {
		this.remote = closeAfter(new Remotes.TransportRemote(this.server, null));
		Transport client = stopAfter(NetworkTransports.webSocketClient(
				URI.create("ws://127.0.0.1:" + this.server.localAddress().getPort() + "/elsewhere"),
				options().build()));

		assertThatExceptionOfType(TransportException.class).isThrownBy(() -> client.start(new RecordingListener()))
			.withMessageContaining("Cannot open ws://127.0.0.1:")
			.withMessageContaining("404")
			.withMessageContaining("check the path");
		assertThat(client.isRunning()).isFalse();
	}

	@Test
	@Override
	@Disabled("a WebSocket client has one peer, its server")
	public void otherPeersGoOnWhenOneIsDropped() {
	}

	@Test
	@Override
	@Disabled("a WebSocket message is one whole frame: nothing is kept from one message for the next")
	public void bytesSplitAcrossReadsAreKeptUntilTheMessageIsWhole() {
	}

}
