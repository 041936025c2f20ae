package io.quickrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quickrpc.codec.Codec;
import io.quickrpc.security.SecurityInfo;
import io.quickrpc.spi.ComponentFactory;
import io.quickrpc.spi.Expression;
import io.quickrpc.spi.InvalidExpressionException;
import io.quickrpc.spi.Registry;
import io.quickrpc.transport.ServingThreads;

class RpcEndpointTests {

	@RegisterExtension
	final Endpoints endpoints = new Endpoints();

	@Test
	void expressionsAreCreatedByTheRegistriesTheBuilderIsGiven() {
		ComponentFactory<Codec> lines = new ComponentFactory<>() {

			@Override
			public String shorthand() {
				return "lines";
			}

			@Override
			public String syntax() {
				return "lines";
			}

			@Override
			public Codec create(Expression expression, Registry<Codec> registry) {
				return Registry.codecs().create("jrpc:\n");
			}

		};
		RpcEndpoint.Builder<EchoApi> builder = RpcEndpoint.builder(EchoApi.class)
			.codecRegistry(Registry.of("codec", List.of(lines)))
			.codec("lines")
			.transport("internal:" + this.endpoints.bus());

		assertThat(builder.build().codec()).hasToString("jrpc:\\n");
		assertThatExceptionOfType(InvalidExpressionException.class).isThrownBy(() -> builder.codec("jrpc").build())
			.withMessageStartingWith("Unknown codec 'jrpc' in expression 'jrpc'. Known: lines.");
	}

	@Test
	void notificationReachesTheHandlerWithItsSender() throws Exception {
		RpcEndpoint<EchoApi> server = this.endpoints.start(EchoApi.class, false);
		BlockingQueue<String> heard = new LinkedBlockingQueue<>();
		server.connect("say", (call) -> heard.add(call.sender() + ": " + call.argument("text")));
		RpcEndpoint<EchoApi> client = this.endpoints.start(EchoApi.class, true, (b) -> b.transport("internal:"
				+ this.endpoints.bus() + ":alice"));
		awaitPeers(client, 1);

		client.api().say(null, "hello");

		assertThat(heard.poll(5, TimeUnit.SECONDS)).isEqualTo("alice: hello");
	}

	@Test
	void requestGetsItsReplyBlockingAndAsync() throws Exception {
		RpcEndpoint<EchoApi> server = this.endpoints.start(EchoApi.class, false);
		server.connect(new EchoHandler());
		RpcEndpoint<EchoApi> client = this.endpoints.start(EchoApi.class, true);
		awaitPeers(client, 1);

		assertThat(client.api().ping("hi")).isEqualTo("hi");
		CompletableFuture<Long> sum = client.api().add(1L << 40, 2);
		assertThat(sum.get(5, TimeUnit.SECONDS)).isEqualTo((1L << 40) + 2);
		assertThat(client.pendingReplies()).isZero();
	}

	@Test
	void handlerExceptionReachesTheCallerAsRemoteExceptionWithTheMessage() {
		RpcEndpoint<EchoApi> server = this.endpoints.start(EchoApi.class, false);
		server.connect(new EchoHandler());
		RpcEndpoint<EchoApi> client = this.endpoints.start(EchoApi.class, true);
		awaitPeers(client, 1);

		assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> client.api().fail("it broke"))
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo(RemoteException.SERVER_ERROR);
				assertThat(ex.remoteMessage()).isEqualTo("it broke");
				assertThat(((Map<?, ?>) ex.data()).get("type")).isEqualTo(IllegalStateException.class.getName());
			});
	}

	@Test
	void unknownMethodIsAnsweredWithMethodNotFound() {
		RpcEndpoint<EchoApi> server = this.endpoints.start(EchoApi.class, false);
		server.connect(new EchoHandler());
		RpcEndpoint<MismatchedApi> client = this.endpoints.start(MismatchedApi.class, false);
		awaitPeers(client, 1);

		assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> client.api().shout("hi"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(RemoteException.METHOD_NOT_FOUND))
			.withMessageContaining("unknown method 'shout' in API 'echo'");
	}

	@Test
	void wrongParameterNameIsAnsweredWithInvalidParams() {
		RpcEndpoint<EchoApi> server = this.endpoints.start(EchoApi.class, false);
		server.connect(new EchoHandler());
		RpcEndpoint<MismatchedApi> client = this.endpoints.start(MismatchedApi.class, false);
		awaitPeers(client, 1);

		assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> client.api().ping("hi"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(RemoteException.INVALID_PARAMS))
			.withMessageContaining("unknown parameter 'words' for ping(text)");
	}

	@Test
	void wrongParameterTypeIsAnsweredWithInvalidParams() {
		RpcEndpoint<EchoApi> server = this.endpoints.start(EchoApi.class, false);
		server.connect(new EchoHandler());
		RpcEndpoint<MismatchedApi> client = this.endpoints.start(MismatchedApi.class, false);
		awaitPeers(client, 1);

		assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> client.api().add("one", 2))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(RemoteException.INVALID_PARAMS))
			.withMessageContaining("parameter 'a' cannot be read as long");
	}

	@Test
	void requestWithoutReplyTimesOutNoSoonerThanItsTimeout() {
		RpcEndpoint<EchoApi> server = this.endpoints.start(EchoApi.class, false);
		CountDownLatch release = new CountDownLatch(1);
		server.connect("ping", (call) -> {
			release.await(10, TimeUnit.SECONDS);
			return "late";
		});
		RpcEndpoint<EchoApi> client = this.endpoints.start(EchoApi.class, true,
				(b) -> b.replyTimeout(Duration.ofMillis(200)));
		awaitPeers(client, 1);
		try {
			long sent = System.nanoTime();
			assertThatExceptionOfType(ReplyTimeoutException.class).isThrownBy(() -> client.api().ping("hi"))
				.withMessageContaining("No reply to EchoApi.ping")
				.withMessageContaining("within 200 ms");
			// the deadline is set by the first sweep that sees the request: never before 200 ms
			assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(Duration.ofMillis(200));
			assertThat(client.pendingReplies()).isZero();
		}
		finally {
			release.countDown();
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "handlerExecutor(Runnable::run)", "handlersOnReceivingThread()" })
	void blockingCallOnTheReceivingThreadFailsAtOnce(String receivingThread) throws Exception {
		RpcEndpoint<EchoApi> server = this.endpoints.start(EchoApi.class, false);
		server.connect(new EchoHandler());
		CompletableFuture<String> thread = new CompletableFuture<>();
		CompletableFuture<Throwable> failure = new CompletableFuture<>();
		RpcEndpoint<EchoApi> client = this.endpoints.start(EchoApi.class, true,
				(b) -> receivingThread.startsWith("handlerExecutor") ? b.handlerExecutor(Runnable::run)
						: b.handlerExecutor((task) -> {
							throw new AssertionError("replaced by handlersOnReceivingThread(), yet asked to run a call");
						}).handlersOnReceivingThread());
		client.connect("echo", (call) -> {
			thread.complete(Thread.currentThread().getName() + (ServingThreads.isCurrent() ? ", serving" : ""));
			try {
				client.api().ping("from the receiving thread");
				failure.complete(null);
			}
			catch (RuntimeException ex) {
				failure.complete(ex);
			}
			return null;
		});
		awaitPeers(client, 1);

		server.api().echo(null, "call me back");

		assertThat(thread.get(5, TimeUnit.SECONDS)).startsWith("quickrpc-internal-").endsWith(", serving");
		assertThat(failure.get(5, TimeUnit.SECONDS)).isInstanceOf(RpcException.class)
			.hasMessageContaining("Cannot wait for the reply to EchoApi.ping on thread 'quickrpc-internal-");
		assertThat(client.pendingReplies()).isZero();
	}

	@Test
	void handlersOnTheReceivingThreadRefuseAConcurrencyTheyCannotHave() {
		RpcEndpoint.Builder<EchoApi> builder = RpcEndpoint.builder(EchoApi.class)
			.transport("internal:" + this.endpoints.bus())
			.handlerConcurrency(4)
			.handlersOnReceivingThread();

		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(builder::build)
			.withMessage("handlerConcurrency 4 has no effect for API 'echo': its handlers run on the receiving thread, "
					+ "one call at a time per thread; drop one of the two settings");
	}

	@Test
	void anExecutorSetAfterHandlersOnTheReceivingThreadRunsThem() throws Exception {
		RpcEndpoint<EchoApi> server = this.endpoints.start(EchoApi.class, false);
		ExecutorService executor = Executors.newSingleThreadExecutor((task) -> new Thread(task, "test-handler"));
		try {
			CompletableFuture<String> thread = new CompletableFuture<>();
			RpcEndpoint<EchoApi> client = this.endpoints.start(EchoApi.class, true,
					(b) -> b.handlersOnReceivingThread().handlerExecutor(executor));
			client.connect("echo", (call) -> thread.complete(Thread.currentThread().getName()));
			awaitPeers(client, 1);

			server.api().echo(null, "call me back");

			assertThat(thread.get(5, TimeUnit.SECONDS)).isEqualTo("test-handler");
		}
		finally {
			executor.shutdownNow();
		}
	}

	@ParameterizedTest(name = "maxPendingReplies {0}")
	@ValueSource(ints = { 1, 3, Integer.MAX_VALUE })
	void anyBoundOfPendingRepliesLetsRequestsBeAnswered(int bound) throws Exception {
		RpcEndpoint<EchoApi> server = this.endpoints.start(EchoApi.class, false);
		server.connect(new EchoHandler());
		RpcEndpoint<EchoApi> client = this.endpoints.start(EchoApi.class, true, (b) -> b.maxPendingReplies(bound));
		awaitPeers(client, 1);

		for (long i = 0; i < 5; i++) {
			assertThat(client.api().add(i, 1).get(5, TimeUnit.SECONDS)).isEqualTo(i + 1);
		}
		assertThat(client.pendingReplies()).isZero();
	}

	@Test
	void aReplyFindsItsRequestWhileAnOlderOneStillWaitsInTheSameSlot() throws Exception {
		CompletableFuture<Long> held = new CompletableFuture<>();
		RpcEndpoint<EchoApi> server = this.endpoints.start(EchoApi.class, false);
		server.connect("add", (call) -> ((Long) call.argument("a") == 0) ? held
				: CompletableFuture.completedFuture((Long) call.argument("a") + (Long) call.argument("b")));
		// a bound of 4 gives 4 slots: the fifth request's id takes the slot of the first, which still waits
		RpcEndpoint<EchoApi> client = this.endpoints.start(EchoApi.class, true, (b) -> b.maxPendingReplies(4));
		awaitPeers(client, 1);

		CompletableFuture<Long> first = client.api().add(0, 1);
		List<Long> results = new ArrayList<>();
		for (long i = 1; i <= 8; i++) {
			results.add(client.api().add(i, 100).get(5, TimeUnit.SECONDS));
		}
		assertThat(first).isNotDone();
		assertThat(client.pendingReplies()).isEqualTo(1);
		held.complete(41L);

		assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(41L);
		assertThat(results).containsExactly(101L, 102L, 103L, 104L, 105L, 106L, 107L, 108L);
		assertThat(client.pendingReplies()).isZero();
		assertThat(client.statistics().count(false, CallObserver.Outcome.SUCCESS)).isEqualTo(9);
	}

	@Test
	void handlerOnTheDefaultExecutorMayWaitForAReply() throws Exception {
		RpcEndpoint<EchoApi> server = this.endpoints.start(EchoApi.class, false);
		server.connect(new EchoHandler());
		CompletableFuture<String> answer = new CompletableFuture<>();
		RpcEndpoint<EchoApi> client = this.endpoints.start(EchoApi.class, true);
		client.connect("echo", (call) -> answer.complete(client.api().ping("nested")));
		awaitPeers(client, 1);

		server.api().echo(null, "call me back");

		assertThat(answer.get(5, TimeUnit.SECONDS)).isEqualTo("nested");
	}

	@Test
	void handlersOnVirtualThreadsReplyToEveryRequest() throws Exception {
		assumeTrue(Runtime.version().feature() >= 21, "virtual threads need Java 21");
		ExecutorService virtual = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
			.invoke(null);
		try {
			List<String> threads = new CopyOnWriteArrayList<>();
			RpcEndpoint<EchoApi> server = this.endpoints.start(EchoApi.class, false,
					(b) -> b.handlerExecutor(virtual).handlerConcurrency(8));
			server.connect(new Object() {

				@IncomingHandler
				String ping(String text) {
					threads.add(Thread.currentThread().getClass().getName());
					return text;
				}

			});
			RpcEndpoint<EchoApi> client = this.endpoints.start(EchoApi.class, true);
			awaitPeers(client, 1);

			for (int i = 0; i < 2_000; i++) {
				assertThat(client.api().ping("call " + i)).isEqualTo("call " + i);
			}

			assertThat(threads).hasSize(2_000).containsOnly("java.lang.VirtualThread");
		}
		finally {
			virtual.shutdown();
		}
	}

	@Test
	void tenThousandConcurrentRequestsAllComplete() throws Exception {
		RpcEndpoint<EchoApi> server = this.endpoints.start(EchoApi.class, false);
		server.connect(new EchoHandler());
		RpcEndpoint<EchoApi> client = this.endpoints.start(EchoApi.class, true,
				(b) -> b.replyTimeout(Duration.ofSeconds(60)));
		awaitPeers(client, 1);
		List<CompletableFuture<Long>> replies = new ArrayList<>();
		for (int i = 0; i < 10_000; i++) {
			replies.add(client.api().add(i, 1_000_000));
		}

		CompletableFuture.allOf(replies.toArray(new CompletableFuture<?>[0])).get(60, TimeUnit.SECONDS);

		for (int i = 0; i < replies.size(); i++) {
			assertThat(replies.get(i).join()).isEqualTo(i + 1_000_000L);
		}
		assertThat(client.pendingReplies()).isZero();
	}

	@Test
	void requestsPastThePendingBoundFailAtOnce() {
		RpcEndpoint<EchoApi> server = this.endpoints.start(EchoApi.class, false);
		CountDownLatch release = new CountDownLatch(1);
		server.connect("add", (call) -> {
			release.await(10, TimeUnit.SECONDS);
			return 0L;
		});
		RpcEndpoint<EchoApi> client = this.endpoints.start(EchoApi.class, true, (b) -> b.maxPendingReplies(2));
		awaitPeers(client, 1);
		try {
			client.api().add(1, 1);
			client.api().add(2, 2);
			assertThatExceptionOfType(RpcException.class).isThrownBy(() -> client.api().add(3, 3))
				.withMessageContaining("Cannot call EchoApi.add: 2 requests already wait for replies")
				.withMessageContaining("raise maxPendingReplies");
		}
		finally {
			release.countDown();
		}
		await().untilAsserted(() -> assertThat(client.pendingReplies()).isZero());
	}

	@Test
	void invertedEndpointsOfOneInterfaceCallEachOther() throws Exception {
		RpcEndpoint<EchoApi> server = this.endpoints.start(EchoApi.class, false);
		RpcEndpoint<EchoApi> client = this.endpoints.start(EchoApi.class, true);
		BlockingQueue<String> echoes = new LinkedBlockingQueue<>();
		client.connect("echo", (call) -> echoes.add((String) call.argument("text")));
		server.connect("say", (call) -> {
			server.api().echo(List.of(call.sender()), "you said " + call.argument("text"));
			return null;
		});
		awaitPeers(client, 1);

		client.api().say(null, "hi");

		assertThat(echoes.poll(5, TimeUnit.SECONDS)).isEqualTo("you said hi");
		assertThat(server.incomingMethods()).containsExactly("add", "fail", "ping", "say");
		assertThat(server.outgoingMethods()).containsExactly("echo");
		assertThat(client.incomingMethods()).containsExactly("echo");
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> client.api().echo(null, "x"))
			.withMessageContaining("EchoApi.echo is incoming on this inverted endpoint");
	}

	@Test
	void unhandledCallsListsIncomingMethodsWithoutListeners() {
		RpcEndpoint<EchoApi> server = this.endpoints.start(EchoApi.class, false);
		assertThat(server.unhandledCalls()).containsExactly("add", "fail", "ping", "say");

		server.connect("say", (call) -> null);
		assertThat(server.unhandledCalls()).containsExactly("add", "fail", "ping");

		server.connect(new EchoHandler());
		assertThat(server.unhandledCalls()).isEmpty();

		server.disconnect(new Object());
		server.disconnect("say", (call) -> null);
		assertThat(server.unhandledCalls()).isEmpty();
	}

	@Test
	void securityInfoReachesOnlyHandlersThatDeclareIt() throws Exception {
		RpcEndpoint<EchoApi> server = this.endpoints.start(EchoApi.class, false,
				(b) -> b.security("blindly_believe_everything"));
		SecurityAwareHandler handler = new SecurityAwareHandler();
		server.connect(handler);
		RpcEndpoint<EchoApi> client = this.endpoints.start(EchoApi.class, true,
				(b) -> b.security("blindly_believe_everything:alice"));
		awaitPeers(client, 1);

		assertThat(client.api().ping("who am i")).isEqualTo("alice");
		client.api().say(null, "hi");

		assertThat(handler.maps.poll(5, TimeUnit.SECONDS)).isEqualTo(Map.of("user", "alice"));
	}

	@Test
	void nullSecurityHidesWhatTheSenderClaims() {
		RpcEndpoint<EchoApi> server = this.endpoints.start(EchoApi.class, false);
		server.connect(new SecurityAwareHandler());
		RpcEndpoint<EchoApi> client = this.endpoints.start(EchoApi.class, true,
				(b) -> b.security("blindly_believe_everything:alice"));
		awaitPeers(client, 1);

		assertThat(client.api().ping("who am i")).isEqualTo("nobody");
	}

	@Test
	void listenersRunInConnectionOrderAndCanBeDisconnected() {
		RpcEndpoint<EchoApi> server = this.endpoints.start(EchoApi.class, false);
		List<String> calls = new CopyOnWriteArrayList<>();
		IncomingListener first = (call) -> calls.add("first " + call.argument("text"));
		IncomingListener second = (call) -> calls.add("second " + call.argument("text"));
		server.connect("say", first);
		server.connect("say", second);
		RpcEndpoint<EchoApi> client = this.endpoints.start(EchoApi.class, true);
		awaitPeers(client, 1);

		client.api().say(null, "a");
		await().until(() -> calls.size() == 2);
		server.disconnect("say", first);
		client.api().say(null, "b");

		await().untilAsserted(() -> assertThat(calls).containsExactly("first a", "second a", "second b"));
	}

	@Test
	void twoListenersReplyingIsAnError() {
		RpcEndpoint<EchoApi> server = this.endpoints.start(EchoApi.class, false);
		server.connect("ping", (call) -> "one");
		server.connect("ping", (call) -> "two");
		RpcEndpoint<EchoApi> client = this.endpoints.start(EchoApi.class, true);
		awaitPeers(client, 1);

		assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> client.api().ping("hi"))
			.withMessageContaining("2 listeners returned a reply to 'ping'; at most one may");
	}

	@Test
	void requestToAMethodWithoutListenerIsAnsweredWithMethodNotFound() {
		this.endpoints.start(EchoApi.class, false);
		RpcEndpoint<EchoApi> client = this.endpoints.start(EchoApi.class, true);
		awaitPeers(client, 1);

		assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> client.api().ping("hi"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(RemoteException.METHOD_NOT_FOUND))
			.withMessageContaining("no handler is connected for 'ping'");
	}

	@Test
	void defaultBodyRunsBeforeSendingAndCanRefuse() {
		RpcEndpoint<ValidatingApi> server = this.endpoints.start(ValidatingApi.class, true);
		BlockingQueue<String> heard = new LinkedBlockingQueue<>();
		server.connect("post", (call) -> heard.add((String) call.argument("text")));
		RpcEndpoint<ValidatingApi> client = this.endpoints.start(ValidatingApi.class, false);
		awaitPeers(client, 1);

		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> client.api().post(""))
			.withMessage("text must not be empty");
		client.api().post("fine");

		await().untilAsserted(() -> assertThat(heard).containsExactly("fine"));
	}

	@Test
	void callsOnAStoppedEndpointFailClearly() {
		RpcEndpoint<EchoApi> client = RpcEndpoint.builder(EchoApi.class)
			.transport("internal:" + this.endpoints.bus())
			.inverted(true)
			.build();

		assertThatExceptionOfType(RpcException.class).isThrownBy(() -> client.api().ping("hi"))
			.withMessageContaining("endpoint 'echo' is not running; start it first");
		assertThatExceptionOfType(RpcException.class).isThrownBy(() -> client.api().say(null, "hi"))
			.withMessageContaining("is not running; start it first");
	}

	@Test
	void stoppingFailsPendingRequestsAtOnce() {
		RpcEndpoint<EchoApi> server = this.endpoints.start(EchoApi.class, false);
		CountDownLatch release = new CountDownLatch(1);
		server.connect("add", (call) -> {
			release.await(10, TimeUnit.SECONDS);
			return 0L;
		});
		RpcEndpoint<EchoApi> client = this.endpoints.start(EchoApi.class, true);
		awaitPeers(client, 1);
		try {
			CompletableFuture<Long> reply = client.api().add(1, 2);
			client.stop();
			assertThat(reply).isCompletedExceptionally();
			assertThatExceptionOfType(Exception.class).isThrownBy(reply::join)
				.withMessageContaining("endpoint 'echo' stopped");
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void peerLeavingFailsItsPendingRequests() {
		RpcEndpoint<EchoApi> server = this.endpoints.start(EchoApi.class, false);
		CountDownLatch release = new CountDownLatch(1);
		server.connect("add", (call) -> {
			release.await(10, TimeUnit.SECONDS);
			return 0L;
		});
		RpcEndpoint<EchoApi> client = this.endpoints.start(EchoApi.class, true);
		awaitPeers(client, 1);
		try {
			CompletableFuture<Long> reply = client.api().add(1, 2);
			server.stop();
			await().until(reply::isDone);
			assertThatExceptionOfType(Exception.class).isThrownBy(reply::join).withMessageContaining("disconnected");
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void statisticsAndObserverSeeEveryCallWithItsOutcome() {
		List<String> observed = new CopyOnWriteArrayList<>();
		List<Long> durations = new CopyOnWriteArrayList<>();
		RpcEndpoint<EchoApi> server = this.endpoints.start(EchoApi.class, false, (b) -> b.callObserver(
				(endpoint, method, incoming, outcome, nanos) -> {
					observed.add(endpoint + " " + method + " " + outcome);
					durations.add(nanos);
				}));
		server.connect(new EchoHandler());
		RpcEndpoint<EchoApi> client = this.endpoints.start(EchoApi.class, true);
		awaitPeers(client, 1);

		client.api().ping("a");
		assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> client.api().fail("b"));

		await().untilAsserted(() -> assertThat(observed).containsExactly("echo ping SUCCESS", "echo fail ERROR"));
		assertThat(durations).as("an observer of the user's is told how long each call took").allMatch((n) -> n > 0);
		assertThat(server.statistics().count(true, CallObserver.Outcome.SUCCESS)).isEqualTo(1);
		assertThat(server.statistics().count(true, CallObserver.Outcome.ERROR)).isEqualTo(1);
		assertThat(client.statistics().count(false, CallObserver.Outcome.SUCCESS)).isEqualTo(1);
		assertThat(client.statistics().count(false, CallObserver.Outcome.ERROR)).isEqualTo(1);
	}

	@Test
	void anObserverThatThrowsKeepsNoCallFromItsEnd() throws Exception {
		CallObserver broken = (endpoint, method, incoming, outcome, nanos) -> {
			throw new IllegalStateException("a broken observer");
		};
		RpcEndpoint<EchoApi> server = this.endpoints.start(EchoApi.class, false, (b) -> b.callObserver(broken));
		server.connect(new EchoHandler());
		RpcEndpoint<EchoApi> client = this.endpoints.start(EchoApi.class, true, (b) -> b.callObserver(broken));
		awaitPeers(client, 1);

		assertThat(client.api().add(1, 2).get(5, TimeUnit.SECONDS)).isEqualTo(3);
		assertThat(client.api().add(3, 4).get(5, TimeUnit.SECONDS)).as("the next one too").isEqualTo(7);
		assertThat(client.pendingReplies()).isZero();
		assertThat(client.statistics().count(false, CallObserver.Outcome.SUCCESS)).isEqualTo(2);
		await().untilAsserted(() -> assertThat(server.statistics().count(true, CallObserver.Outcome.SUCCESS)).isEqualTo(2));
	}

	@Test
	void aReplacedTransportFailsItsWaitingRequestsAsPeerGoneAndDeliversNothingMore() throws Exception {
		String oldBus = Endpoints.newBus();
		String newBus = Endpoints.newBus();
		CompletableFuture<Long> never = new CompletableFuture<>();
		RpcEndpoint<EchoApi> oldServer = this.endpoints.start(EchoApi.class, false,
				(b) -> b.transport("internal:" + oldBus + ":old"));
		oldServer.connect("add", (call) -> never);
		RpcEndpoint<EchoApi> newServer = this.endpoints.start(EchoApi.class, false,
				(b) -> b.transport("internal:" + newBus + ":new"));
		newServer.connect(new EchoHandler());
		RpcEndpoint<EchoApi> client = this.endpoints.start(EchoApi.class, true,
				(b) -> b.transport("internal:" + oldBus + ":client").replyTimeout(Duration.ofMinutes(10)));
		BlockingQueue<String> echoes = new LinkedBlockingQueue<>();
		client.connect("echo", (call) -> echoes.add((String) call.argument("text")));
		awaitPeers(client, 1);
		CompletableFuture<Long> waiting = client.api().add(1, 2);
		await().until(() -> client.pendingReplies() == 1);

		client.replaceTransport(Registry.transports().create("internal:" + newBus + ":client"));

		assertThatExceptionOfType(java.util.concurrent.ExecutionException.class)
			.isThrownBy(() -> waiting.get(30, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOf(RpcException.class)
			.withMessage("Peer 'old' is gone: the transport of endpoint 'echo' was replaced before it replied; call "
					+ "again on the new transport (EchoApi.add)");
		await().until(() -> client.peers().equals(java.util.Set.of("new")));
		assertThat(client.api().ping("over the new one")).isEqualTo("over the new one");
		assertThat(client.transport()).hasToString("internal:" + newBus + ":client");
		oldServer.api().echo(null, "from the old bus");
		newServer.api().echo(null, "from the new bus");
		assertThat(echoes.poll(30, TimeUnit.SECONDS)).isEqualTo("from the new bus");
		assertThat(echoes).as("nothing arrives from the old transport").isEmpty();
	}

	static void awaitPeers(RpcEndpoint<?> endpoint, int count) {
		await().until(() -> endpoint.peers().size() == count);
	}

	static class EchoHandler {

		@IncomingHandler
		String ping(String text) {
			return text;
		}

		@IncomingHandler
		long add(long a, long b) {
			return a + b;
		}

		@IncomingHandler
		String fail(String message) {
			throw new IllegalStateException(message);
		}

	}

	static class SecurityAwareHandler {

		final BlockingQueue<Map<String, String>> maps = new LinkedBlockingQueue<>();

		@IncomingHandler
		String ping(SecurityInfo info) {
			return (info.user() != null) ? info.user() : "nobody";
		}

		@IncomingHandler
		void say(String text, @SecInfo Map<String, String> info) {
			this.maps.add(info);
		}

	}

	@RemoteApi("echo")
	interface MismatchedApi {

		@Outgoing
		String shout(String text);

		@Outgoing
		String ping(String words);

		@Outgoing
		long add(String a, long b);

	}

	@RemoteApi
	interface ValidatingApi {

		@Outgoing
		default void post(String text) {
			if (text.isEmpty()) {
				throw new IllegalArgumentException("text must not be empty");
			}
		}

	}

}
