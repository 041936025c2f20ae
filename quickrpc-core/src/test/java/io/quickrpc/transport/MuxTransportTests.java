package io.quickrpc.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.junit.jupiter.api.Test;

import io.quickrpc.spi.Expression;
import io.quickrpc.spi.Registry;
import io.quickrpc.transport.network.NetworkOptions;

/**
 * The transport contract for {@code mux}, of a TCP server and a bus member, with plain sockets
 * as peers.
 */
class MuxTransportTests extends AbstractTransportTest {

	@Override
	protected Transport createSubject(Registry<Transport> transports) {
		return transports.create("mux:(tcpserv:127.0.0.1:0)(internal:bus-" + this.unique + ":subject-" + this.unique
				+ ")");
	}

	@Override
	protected Remote connect(Transport subject) throws Exception {
		return Remotes.connect(subject.localAddress());
	}

	@Override
	protected boolean isSubjectThread(Thread thread) {
		return thread.getName().contains("subject-" + this.unique);
	}

	@Test
	void isNotRunningWhileOneOfItsTransportsIsDown() throws Exception {
		try (ServerSocketChannel server = Remotes.listen()) {
			Transport mux = Registry.transports()
				.with(NetworkOptions.class, options().build())
				.create("mux:(tcp:127.0.0.1:" + ((InetSocketAddress) server.getLocalAddress()).getPort()
						+ ")(internal:bus-" + this.unique + ":subject-" + this.unique + ")");
			RecordingListener listener = new RecordingListener();
			mux.start(listener);
			try (Remote remote = Remotes.accept(server)) {
				assertThat(mux.isRunning()).isTrue();

				remote.close();

				await().until(() -> listener.connectedPeers().size() == 1
						&& listener.events(listener.connectedPeers().get(0)).contains("disconnected"));
				assertThat(mux.isRunning()).as("running, with its TCP client disconnected").isFalse();
			}
			finally {
				mux.stop();
			}
		}
	}

	@Test
	void passesOnTheDefaultReceiverOfTheOneInnerTransportThatHasOne() {
		Registry<Transport> transports = Registry.of("transport",
				List.of(new io.quickrpc.transport.composite.MuxTransportFactory(), new Services()));

		assertThat(transports.create("mux:(service:orders)(service)").defaultReceiver()).isEqualTo("orders");
		assertThat(transports.create("mux:(service)(service)").defaultReceiver()).isNull();
		assertThat(transports.create("mux:(service:orders)(service:billing)").defaultReceiver())
			.as("two services: a request must name its peer").isNull();
	}

	/** Transports that stand for a service, {@code service[:NAME]}, whose name is their default receiver. */
	private static final class Services implements TransportFactory {

		@Override
		public String shorthand() {
			return "service";
		}

		@Override
		public String syntax() {
			return "service[:NAME]";
		}

		@Override
		public Transport create(Expression expression, Registry<Transport> registry) {
			String name = expression.arguments().isEmpty() ? null : expression.arguments().get(0);
			return new IdleTransport() {

				@Override
				public @Nullable String defaultReceiver() {
					return name;
				}

			};
		}

	}

}
