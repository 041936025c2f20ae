package io.quickrpc.transport.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.nats.client.Connection;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Subscription;
import io.nats.service.Discovery;
import io.nats.service.EndpointStats;
import io.nats.service.InfoResponse;
import io.nats.service.PingResponse;
import io.nats.service.StatsResponse;
import io.quickrpc.RemoteException;
import io.quickrpc.RpcEndpoint;
import io.quickrpc.RpcException;
import io.quickrpc.security.HmacKeys;
import io.quickrpc.security.HmacSecurity;
import io.quickrpc.transport.TransportException;

/**
 * Endpoints of {@link EchoApi} on a real NATS server: fan-out, addressed calls, the service
 * group, presence, security and the NATS services protocol.
 */
class NatsEndpointTests {

	@RegisterExtension
	static final NatsServers servers = new NatsServers();

	@RegisterExtension
	final NatsEndpoints endpoints = new NatsEndpoints();

	private final String url = NatsServers.shared().url();

	@Test
	void aNotificationWithoutPeerReachesEveryOtherEndpointOnce() {
		RpcEndpoint<EchoApi> publisher = this.endpoints.start(this.url, null, false);
		List<List<String>> heard = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			List<String> received = new CopyOnWriteArrayList<>();
			heard.add(received);
			RpcEndpoint<EchoApi> listener = this.endpoints.start(this.url, null, true);
			listener.connect("echo", (call) -> received.add(call.sender() + ": " + call.argument("text")));
		}
		String name = NatsEndpoints.peerName(publisher);
		await().until(() -> publisher.peers().size() == 3);

		publisher.api().echo(null, "news");
		publisher.api().echo(null, "end");

		await().until(() -> heard.stream().allMatch((received) -> received.contains(name + ": end")));
		assertThat(heard).allSatisfy((received) -> assertThat(received).containsExactly(name + ": news", name + ": end"));
	}

	@Test
	void anAddressedCallReachesExactlyThatPeer() {
		Map<String, List<String>> callers = new ConcurrentHashMap<>();
		List<RpcEndpoint<EchoApi>> servers = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			servers.add(server(null, callers));
		}
		RpcEndpoint<EchoApi> client = this.endpoints.start(this.url, null, true);
		String second = NatsEndpoints.peerName(servers.get(1));
		await().until(() -> client.peers().size() == 3);

		assertThat(client.api().ping(second, "hi")).isEqualTo("hi from " + second);
		assertThat(client.api().pingAsync(second, "again")).succeedsWithin(Duration.ofSeconds(10))
			.isEqualTo("again from " + second);

		assertThat(callers).containsOnlyKeys(second);
		assertThat(callers.get(second)).containsOnly(NatsEndpoints.peerName(client));
	}

	@Test
	void aRequestWithoutPeerGoesToTheServiceAndItsReplyComesBackSyncAndAsync() {
		Map<String, List<String>> callers = new ConcurrentHashMap<>();
		RpcEndpoint<EchoApi> member = server("workers", callers);
		RpcEndpoint<EchoApi> bystander = server(null, callers);
		RpcEndpoint<EchoApi> client = this.endpoints.start(this.url, null, true);
		String memberName = NatsEndpoints.peerName(member);
		String clientName = NatsEndpoints.peerName(client);
		await().until(() -> client.peers().size() == 3);

		assertThat(client.peers()).containsExactlyInAnyOrder("workers", memberName,
				NatsEndpoints.peerName(bystander));
		assertThat(client.transport().defaultReceiver()).isEqualTo("workers");
		assertThat(client.api().ping(null, "sync")).isEqualTo("sync from " + memberName);
		assertThat(client.api().pingAsync(null, "async")).succeedsWithin(Duration.ofSeconds(10))
			.isEqualTo("async from " + memberName);
		assertThat(callers).containsOnlyKeys(memberName);
		assertThat(callers.get(memberName)).containsOnly(clientName + "@workers");
		assertThat(member.peers()).contains(clientName, clientName + "@workers").doesNotContain("workers");
		assertThat(member.transport().defaultReceiver()).isNull();
	}

	@Test
	void threeMembersOfAGroupShareTheRequests() throws Exception {
		Map<String, List<String>> callers = new ConcurrentHashMap<>();
		List<String> members = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			members.add(NatsEndpoints.peerName(server("workers", callers)));
		}
		RpcEndpoint<EchoApi> client = this.endpoints.start(this.url, null, true);
		await().until(() -> client.peers().size() == 4);

		List<CompletableFuture<String>> replies = new ArrayList<>();
		for (int i = 0; i < 3000; i++) {
			replies.add(client.api().pingAsync(null, "call " + i));
		}
		CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

		for (int i = 0; i < 3000; i++) {
			assertThat(replies.get(i).get()).startsWith("call " + i + " from ");
		}
		assertThat(callers).containsOnlyKeys(members);
		assertThat(members).allSatisfy((member) -> assertThat(callers.get(member)).as("calls %s handled", member)
			.hasSizeGreaterThanOrEqualTo(600));
	}

	@Test
	void tenThousandPipelinedRequestsAreAllAnswered() throws Exception {
		// NATS cannot slow a sender down: the member makes room for the burst instead of refusing it
		RpcEndpoint<EchoApi> member = this.endpoints.start(this.url, "workers", false, NatsOptions.defaults(),
				(builder) -> builder.maxQueuedCallsPerPeer(20_000).maxQueuedCallBytesPerPeer(64L << 20));
		member.connect("pingAsync", (call) -> call.argument("text"));
		RpcEndpoint<EchoApi> client = this.endpoints.start(this.url, null, true);
		await().until(() -> client.peers().contains("workers"));

		List<CompletableFuture<String>> replies = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			replies.add(client.api().pingAsync(null, "request " + i));
		}
		CompletableFuture.allOf(replies.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

		for (int i = 0; i < 10_000; i++) {
			assertThat(replies.get(i).get()).isEqualTo("request " + i);
		}
		assertThat(member.statistics().droppedCalls()).isZero();
	}

	@Test
	void aPeerKilledWithoutGoodbyeIsReportedGoneAndItsRequestsFailLongBeforeTheirTimeout() throws Exception {
		Connection doomed = Nats.connect(this.url);
		CountDownLatch handling = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		RpcEndpoint<EchoApi> server = this.endpoints.start("", null, false,
				NatsEndpoints.quickPresence().connection(doomed).build(), UnaryOperator.identity());
		server.connect("pingAsync", (call) -> {
			handling.countDown();
			release.await(30, TimeUnit.SECONDS);
			return "too late";
		});
		RpcEndpoint<EchoApi> client = this.endpoints.start(this.url, null, true,
				NatsEndpoints.quickPresence().build(), (builder) -> builder.replyTimeout(Duration.ofSeconds(60)));
		String serverName = NatsEndpoints.peerName(server);
		await().until(() -> client.peers().contains(serverName));
		try {
			CompletableFuture<String> reply = client.api().pingAsync(serverName, "are you there?");
			assertThat(handling.await(10, TimeUnit.SECONDS)).isTrue();
			long killed = System.nanoTime();

			doomed.close();

			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> reply.get(30, TimeUnit.SECONDS))
				.withCauseInstanceOf(RpcException.class)
				.withMessageContaining("Peer '" + serverName + "' disconnected before replying");
			assertThat(Duration.ofNanos(System.nanoTime() - killed)).isLessThan(Duration.ofSeconds(30));
			assertThat(client.peers()).doesNotContain(serverName);
			assertThat(server.transport().isRunning()).isFalse();
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void hmacRejectsAFramePublishedByAPlainNatsClient() throws Exception {
		HmacKeys keys = HmacKeys.of(Map.of("alice", "alice's 32-byte key, kept secret".getBytes(StandardCharsets.US_ASCII),
				"server", "the server's key of 32 bytes....".getBytes(StandardCharsets.US_ASCII)));
		AtomicInteger handled = new AtomicInteger();
		RpcEndpoint<EchoApi> member = this.endpoints.start(this.url, "workers", false, NatsOptions.defaults(),
				(builder) -> builder.security(HmacSecurity.builder().user("server").keys(keys).build()));
		member.connect("ping", (call) -> {
			handled.incrementAndGet();
			return call.argument("text") + " (" + call.securityInfo().user() + ")";
		});
		RpcEndpoint<EchoApi> alice = this.endpoints.start(this.url, null, true, NatsOptions.defaults(),
				(builder) -> builder.security(HmacSecurity.builder().user("alice").keys(keys).build()));
		await().until(() -> alice.peers().contains("workers"));
		assertThat(alice.api().ping(null, "signed")).isEqualTo("signed (alice)");

		String memberName = NatsEndpoints.peerName(member);
		try (Connection intruder = Nats.connect(this.url)) {
			Subscription answers = intruder.subscribe("qrpc." + this.endpoints.namespace() + ".to.intruder.*");
			intruder.flush(Duration.ofSeconds(5));
			intruder.publish("qrpc." + this.endpoints.namespace() + ".to." + memberName + ".intruder",
					"{\"jsonrpc\": \"2.0\", \"method\": \"ping\", \"params\": {\"text\": \"let me in\"}, \"id\": 7}\0"
						.getBytes(StandardCharsets.UTF_8));
			Message answer = answers.nextMessage(Duration.ofSeconds(10));

			assertThat(answer).isNotNull();
			assertThat(new String(answer.getData(), StandardCharsets.UTF_8)).contains("\"id\":7")
				.contains("\"code\":" + RemoteException.SECURITY_REJECTED);
		}
		assertThat(handled).hasValue(1);
		assertThat(member.statistics().securityRejected()).isEqualTo(1);
	}

	@Test
	void everyMemberAnswersTheNatsServicesProtocol() throws Exception {
		Map<String, List<String>> callers = new ConcurrentHashMap<>();
		Set<String> members = new java.util.TreeSet<>();
		for (int i = 0; i < 3; i++) {
			members.add(NatsEndpoints.peerName(server("workers", callers)));
		}
		RpcEndpoint<EchoApi> client = this.endpoints.start(this.url, null, true);
		await().until(() -> client.peers().contains("workers"));
		for (int i = 0; i < 30; i++) {
			client.api().ping(null, "count me");
		}
		String namespace = this.endpoints.namespace();

		try (Connection plain = Nats.connect(this.url)) {
			Discovery discovery = new Discovery(plain, 5000, 3);
			List<PingResponse> pings = discovery.ping(namespace);
			List<InfoResponse> infos = discovery.info(namespace);
			List<StatsResponse> stats = discovery.stats(namespace);

			assertThat(pings).hasSize(3).allSatisfy((ping) -> assertThat(ping.getName()).isEqualTo(namespace));
			assertThat(pings.stream().map(PingResponse::getId).distinct()).hasSize(3);
			assertThat(infos.stream().map((info) -> info.getMetadata().get("quickrpc.peer")))
				.containsExactlyInAnyOrderElementsOf(members);
			assertThat(infos).allSatisfy((info) -> {
				assertThat(info.getVersion()).isNotBlank();
				assertThat(info.getMetadata()).containsEntry("quickrpc.namespace", namespace)
					.containsEntry("quickrpc.group", "workers")
					.containsEntry("quickrpc.methods", "ping,pingAsync,say");
				assertThat(info.getEndpoints()).singleElement().satisfies((endpoint) -> {
					assertThat(endpoint.getSubject()).isEqualTo("qrpc." + namespace + ".svc.workers.*");
					assertThat(endpoint.getQueueGroup()).isEqualTo("workers");
				});
			});
			long requests = stats.stream()
				.flatMap((stat) -> stat.getEndpointStatsList().stream())
				.mapToLong(EndpointStats::getNumRequests)
				.sum();
			assertThat(requests).isEqualTo(30);
		}
	}

	@Test
	void aMessageOverTheServersMaxPayloadFailsAtTheCallerNamingBothSizes() throws Exception {
		Path config = Files.createTempFile("nats-small-payload", ".conf");
		Files.writeString(config, "max_payload: 4096\n");
		try {
			String small = servers.start("-c", config.toString()).url();
			RpcEndpoint<EchoApi> member = this.endpoints.start(small, "workers", false);
			member.connect("ping", (call) -> call.argument("text"));
			RpcEndpoint<EchoApi> client = this.endpoints.start(small, null, true);
			await().until(() -> client.peers().contains("workers"));

			assertThatExceptionOfType(TransportException.class).isThrownBy(() -> client.api().ping(null, "x".repeat(5000)))
				.withMessageMatching("Cannot send a message of 50\\d\\d bytes on .*: the NATS server takes at most 4096 bytes "
						+ "per message \\(its max_payload\\).*");
			assertThat(client.pendingReplies()).isZero();
			assertThat(client.api().ping(null, "small")).isEqualTo("small");
		}
		finally {
			Files.delete(config);
		}
	}

	/** An endpoint that answers ping and pingAsync with its name, noting who called. */
	private RpcEndpoint<EchoApi> server(String group, Map<String, List<String>> callers) {
		RpcEndpoint<EchoApi> server = this.endpoints.start(this.url, group, false);
		String name = NatsEndpoints.peerName(server);
		for (String method : List.of("ping", "pingAsync")) {
			server.connect(method, (call) -> {
				callers.computeIfAbsent(name, (key) -> new CopyOnWriteArrayList<>()).add(call.sender());
				return call.argument("text") + " from " + name;
			});
		}
		return server;
	}

}
