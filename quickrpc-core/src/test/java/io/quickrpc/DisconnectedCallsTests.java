package io.quickrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quickrpc.spi.Registry;
import io.quickrpc.transport.Transport;
import io.quickrpc.transport.TransportException;
import io.quickrpc.transport.composite.CompositeTransports;
import io.quickrpc.transport.composite.RestartOptions;

/**
 * Calls made while a started endpoint's transport is down, as a reconnecting client's is between
 * connections: they wait for it up to the reply timeout.
 */
class DisconnectedCallsTests {

	@RegisterExtension
	final Endpoints endpoints = new Endpoints();

	@Test
	void aCallWaitsForTheTransportToConnectAndThenGoesThrough() throws Exception {
		RpcEndpoint<EchoApi> server = this.endpoints.start(EchoApi.class, false);
		server.connect(new RpcEndpointTests.EchoHandler());
		GatedTransport gate = new GatedTransport(Registry.transports().create("internal:" + this.endpoints.bus()));
		RpcEndpoint<EchoApi> client = this.endpoints.start(RpcEndpoint.builder(EchoApi.class)
			.inverted(true)
			.replyTimeout(Duration.ofSeconds(30))
			.transport(CompositeTransports.restart(gate,
					RestartOptions.builder().initialDelay(Duration.ofMillis(10)).maxDelay(Duration.ofMillis(50)).build())));
		assertThat(client.isRunning()).as("down until the gate opens").isFalse();

		CompletableFuture<String> ping = CompletableFuture.supplyAsync(() -> client.api().ping("waited"));
		CompletableFuture<Void> say = CompletableFuture.runAsync(() -> client.api().say(null, "also waited"));
		gate.open = true;

		assertThat(ping.get(30, TimeUnit.SECONDS)).isEqualTo("waited");
		say.get(30, TimeUnit.SECONDS);
	}

	@Test
	void aCallFailsSayingTheServerIsUnreachableWhenTheTransportStaysDown() {
		GatedTransport gate = new GatedTransport(Registry.transports().create("internal:" + this.endpoints.bus()));
		RpcEndpoint<EchoApi> client = this.endpoints.start(RpcEndpoint.builder(EchoApi.class)
			.inverted(true)
			.replyTimeout(Duration.ofMillis(300))
			.transport(CompositeTransports.restart(gate, RestartOptions.fixed(Duration.ofMillis(10)))));

		long start = System.nanoTime();
		assertThatExceptionOfType(RpcException.class).isThrownBy(() -> client.api().ping("lost"))
			.withMessage("Cannot call EchoApi.ping: the server is unreachable: transport restart:0.01:(gated) of "
					+ "endpoint 'echo' has not connected within the reply timeout (300 ms), and the call was not sent; "
					+ "check that the server runs and can be reached");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("waited for the reply timeout")
			.isGreaterThanOrEqualTo(Duration.ofMillis(300));
		assertThat(client.pendingReplies()).isZero();
	}

	@Test
	void anAsynchronousCallOrOneFromAServingThreadFailsAtOnceWhileTheTransportIsDown() {
		GatedTransport gate = new GatedTransport(Registry.transports().create("internal:" + this.endpoints.bus()));
		RpcEndpoint<EchoApi> client = this.endpoints.start(RpcEndpoint.builder(EchoApi.class)
			.inverted(true)
			.replyTimeout(Duration.ofDays(1))
			.transport(CompositeTransports.restart(gate, RestartOptions.fixed(Duration.ofMillis(10)))));

		// with a day's reply timeout, waiting would hang the test: each fails at once instead
		assertThatExceptionOfType(RpcException.class).isThrownBy(() -> client.api().add(1, 2))
			.withMessageContaining("the server is unreachable")
			.withMessageContaining("is not connected, and the call was not sent");
		assertThatExceptionOfType(RpcException.class)
			.isThrownBy(() -> io.quickrpc.transport.ServingThreads.run(() -> client.api().ping("from a handler")))
			.withMessageContaining("the server is unreachable");
		assertThat(client.pendingReplies()).isZero();
	}

	@Test
	void aCallOnAStoppedEndpointDoesNotWait() {
		GatedTransport gate = new GatedTransport(Registry.transports().create("internal:" + this.endpoints.bus()));
		RpcEndpoint<EchoApi> client = RpcEndpoint.builder(EchoApi.class)
			.inverted(true)
			.replyTimeout(Duration.ofDays(1))
			.transport(gate)
			.build();

		assertThatExceptionOfType(RpcException.class).isThrownBy(() -> client.api().ping("hi"))
			.withMessageContaining("endpoint 'echo' is not running; start it first");
	}

	/**
	 * A client-like transport that fails to start until it is opened, and runs while it has a
	 * peer, as a TCP client runs while connected.
	 */
	static final class GatedTransport extends ForwardingTransport {

		volatile boolean open;

		GatedTransport(Transport inner) {
			super(inner);
		}

		@Override
		public void start(Listener listener) {
			if (!this.open) {
				throw new TransportException("Cannot connect: the gate is closed");
			}
			super.start(listener);
		}

		@Override
		public boolean isRunning() {
			return this.delegate.isRunning() && !this.delegate.peers().isEmpty();
		}

		@Override
		public String toString() {
			return "gated";
		}

	}

}
