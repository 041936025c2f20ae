package io.quickrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quickrpc.codec.FrameMutator;
import io.quickrpc.spi.Registry;

/**
 * A live TCP endpoint fed 100,000 random and mutated frames on several connections: it reports
 * what it cannot handle, answers what it can, never fails otherwise, and afterwards serves a
 * normal client as before.
 */
class EndpointFuzzTests {

	private static final int FRAMES = 100_000;

	private static final int CONNECTIONS = 4;

	@RegisterExtension
	final Endpoints endpoints = new Endpoints();

	private final Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();

	private final AtomicLong reported = new AtomicLong();

	@Test
	void hundredThousandHostileFramesLeaveTheEndpointServing() throws Exception {
		RpcEndpoint<EchoApi> server = this.endpoints.start(RpcEndpoint.builder(EchoApi.class)
			.transport("tcpserv:127.0.0.1:0")
			.handlerConcurrency(2)
			.errorListener((peer, error) -> {
				this.reported.incrementAndGet();
				// what a handler throws on purpose, and what the endpoint reports of bad input
				if (!(error instanceof RpcException) && !(error instanceof IllegalStateException)) {
					this.unexpected.add(error);
				}
			}));
		server.connect(new RpcEndpointTests.EchoHandler());
		FrameMutator mutator = new FrameMutator(Registry.codecs().create("jrpc"), true);
		SplittableRandom random = new SplittableRandom(Long.getLong("quickrpc.fuzz.seed", 20261125L));
		List<Connection> connections = new ArrayList<>();
		for (int i = 0; i < CONNECTIONS; i++) {
			connections.add(new Connection(Endpoints.port(server)));
		}
		try {
			for (int i = 0; i < FRAMES; i++) {
				Connection connection = connections.get(i % CONNECTIONS);
				byte[] frame = mutator.mutate(random);
				connection.send(frame, new byte[] { 0 });
			}
		}
		finally {
			connections.forEach(Connection::close);
		}
		// a connection closes once the server has read all it sent
		await().atMost(Duration.ofSeconds(60)).until(() -> server.peers().isEmpty());

		RpcEndpoint<EchoApi> client = this.endpoints.start(RpcEndpoint.builder(EchoApi.class)
			.inverted(true)
			.transport("tcp:127.0.0.1:" + Endpoints.port(server)));
		assertThat(client.api().ping("still serving")).isEqualTo("still serving");
		assertThat(client.api().add(40, 2).get()).isEqualTo(42);
		assertThat(this.unexpected).as("problems other than bad input and handler failures").isEmpty();
		assertThat(this.reported).as("bad input reported").hasPositiveValue();
		assertThat(server.statistics().invalidMessages()).as("frames reported invalid").isGreaterThan(FRAMES / 2);
		assertThat(server.pendingReplies()).isZero();
		assertThat(server.peers()).hasSize(1);
	}

	/** A raw connection that reads and discards what the server answers, and reconnects if dropped. */
	private static final class Connection {

		private final int port;

		private Socket socket;

		Connection(int port) throws IOException {
			this.port = port;
			this.socket = open();
		}

		private Socket open() throws IOException {
			Socket opened = new Socket("127.0.0.1", this.port);
			Thread reader = new Thread(() -> discard(opened), "fuzz-reader");
			reader.setDaemon(true);
			reader.start();
			return opened;
		}

		void send(byte[] frame, byte[] delimiter) throws IOException {
			try {
				this.socket.getOutputStream().write(frame);
				this.socket.getOutputStream().write(delimiter);
			}
			catch (IOException ex) {
				// the server may drop a connection that sent too much without a delimiter: reconnect
				this.socket.close();
				this.socket = open();
			}
		}

		void close() {
			try {
				this.socket.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}

		private static void discard(Socket socket) {
			byte[] buffer = new byte[65536];
			try (InputStream in = socket.getInputStream()) {
				while (in.read(buffer) >= 0) {
					// the answers do not matter here, only that the server can send them
				}
			}
			catch (IOException ex) {
				// closed
			}
		}

	}

}
