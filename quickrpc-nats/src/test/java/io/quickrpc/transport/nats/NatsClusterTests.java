package io.quickrpc.transport.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quickrpc.RpcEndpoint;
import io.quickrpc.RpcException;
import io.quickrpc.transport.nats.NatsServers.NatsServer;

/**
 * A client and a service on different servers of a three-server cluster, and the client's
 * server killed while it calls.
 */
class NatsClusterTests {

	@RegisterExtension
	static final NatsServers servers = new NatsServers();

	@RegisterExtension
	final NatsEndpoints endpoints = new NatsEndpoints();

	@Test
	void aClientWhoseServerDiesReconnectsAndNoCallHangs() throws Exception {
		List<NatsServer> cluster = servers.cluster();
		NatsServer a = cluster.get(0);
		NatsServer c = cluster.get(2);
		NatsOptions options = NatsEndpoints.quickPresence().reconnect(-1, Duration.ofMillis(100)).build();
		RpcEndpoint<EchoApi> member = this.endpoints.start(c.url(), "workers", false, options, (builder) -> builder);
		String memberName = NatsEndpoints.peerName(member);
		member.connect("pingAsync", (call) -> call.argument("text") + " from " + memberName);
		RpcEndpoint<EchoApi> client = this.endpoints.start(a.url(), null, true, options,
				(builder) -> builder.replyTimeout(Duration.ofSeconds(60)));
		await().until(() -> client.peers().contains("workers"));
		assertThat(client.api().pingAsync(null, "across the cluster")).succeedsWithin(Duration.ofSeconds(10))
			.isEqualTo("across the cluster from " + memberName);

		List<CompletableFuture<String>> calls = new CopyOnWriteArrayList<>();
		List<RpcException> refused = new CopyOnWriteArrayList<>();
		AtomicBoolean calling = new AtomicBoolean(true);
		CompletableFuture<Void> caller = CompletableFuture.runAsync(() -> {
			for (int i = 0; i < 20_000 && calling.get(); i++) {
				try {
					CompletableFuture<String> reply = client.api().pingAsync(null, "call " + i);
					calls.add(reply);
					reply.handle((text, failure) -> null).get(30, TimeUnit.SECONDS);
				}
				catch (RpcException ex) {
					refused.add(ex);
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			}
		});
		await().until(() -> calls.size() > 20);

		NatsTransport transport = (NatsTransport) client.transport();
		assertThat(transport.connectedServer()).isEqualTo(a.url());
		a.kill();

		// reconnected by itself, to another server of the cluster
		await().until(() -> transport.connectedServer() != null && !a.url().equals(transport.connectedServer())
				&& client.peers().contains("workers"));
		int afterReconnection = calls.size();
		await().until(() -> calls.size() > afterReconnection + 20);
		calling.set(false);
		caller.get(30, TimeUnit.SECONDS);

		CompletableFuture.allOf(calls.stream().map((call) -> call.handle((text, failure) -> null))
			.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
		assertThat(calls).allSatisfy((call) -> {
			if (call.isCompletedExceptionally()) {
				assertThat(call).failsWithin(Duration.ZERO).withThrowableOfType(Exception.class)
					.havingRootCause()
					.withMessageMatching("Peer 'workers' disconnected before replying.*|Cannot send on .*: its NATS "
							+ "connection is lost, and jnats is reconnecting.*");
			}
		});
		assertThat(refused).allSatisfy((failure) -> assertThat(failure.getMessage()).matches(
				"Cannot call .*: a call with a reply goes to exactly one peer, but \\d+ peers are connected.*|Cannot send on "
						+ ".*: its NATS connection is lost, and jnats is reconnecting.*|Cannot call .*: the server is "
						+ "unreachable: .* is not connected, and the call was not sent.*"));
		assertThat(calls.subList(afterReconnection, calls.size())).allSatisfy((call) -> assertThat(call)
			.succeedsWithin(Duration.ZERO).asString().endsWith(" from " + memberName));
		assertThat(client.api().pingAsync(null, "after")).succeedsWithin(Duration.ofSeconds(10))
			.isEqualTo("after from " + memberName);
	}

}
