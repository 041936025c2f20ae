package io.quickrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Tests for {@link CallInterceptor}: what an interceptor sees of incoming and outgoing calls, the
 * headers that travel from one to the other, how calls end, and the order of interceptors.
 */
class CallInterceptorTests {

	private static final ThreadLocal<String> CURRENT_TRACE = new ThreadLocal<>();

	@RegisterExtension
	final Endpoints endpoints = new Endpoints();

	@Test
	void headersTheClientsInterceptorAddsReachTheServersInterceptorAroundTheHandlerOnItsThread() {
		List<String> seen = new CopyOnWriteArrayList<>();
		RpcEndpoint<EchoApi> server = this.endpoints.start(EchoApi.class, false,
				(b) -> b.security("blindly_believe_everything:server").interceptor(new CallInterceptor() {

					@Override
					public @Nullable Object interceptIncoming(Invocation call) throws Exception {
						seen.add(call.endpoint() + " " + call.method() + " incoming=" + call.isIncoming() + " request="
								+ call.isRequest() + " user=" + call.securityInfo().user() + " peer=" + (call.peer() != null));
						CURRENT_TRACE.set(call.headers().get("trace"));
						try {
							return call.proceed();
						}
						finally {
							CURRENT_TRACE.remove();
						}
					}

				}));
		server.connect("ping", (call) -> "traced " + CURRENT_TRACE.get());
		server.connect("say", (call) -> {
			seen.add("say in trace " + CURRENT_TRACE.get());
			return null;
		});
		RpcEndpoint<EchoApi> client = this.endpoints.start(EchoApi.class, true,
				(b) -> b.security("blindly_believe_everything:alice").interceptor(new CallInterceptor() {

					@Override
					public @Nullable Object interceptOutgoing(Invocation call) throws Exception {
						seen.add(call.method() + " outgoing, incoming=" + call.isIncoming() + " request=" + call.isRequest());
						call.headers().put("trace", "t-" + call.method());
						return call.proceed();
					}

				}));
		RpcEndpointTests.awaitPeers(client, 1);

		assertThat(client.api().ping("hi")).isEqualTo("traced t-ping");
		client.api().say(null, "hello");

		await().untilAsserted(() -> assertThat(seen).containsExactly(
				"ping outgoing, incoming=false request=true",
				"echo ping incoming=true request=true user=alice peer=true",
				"say outgoing, incoming=false request=false",
				"echo say incoming=true request=false user=alice peer=true",
				"say in trace t-say"));
	}

	@Test
	void endListenersHearTheOutcomeAndErrorCodeOfEveryCallOnBothSides() throws InterruptedException {
		List<String> ended = new CopyOnWriteArrayList<>();
		CompletableFuture<Long> sum = new CompletableFuture<>();
		RpcEndpoint<EchoApi> server = this.endpoints.start(EchoApi.class, false,
				(b) -> b.errorListener((peer, failure) -> {
				}).interceptor(recordEnds(ended)));
		CountDownLatch adding = new CountDownLatch(1);
		server.connect("ping", (call) -> call.argument("text"));
		server.connect("fail", (call) -> {
			throw new IllegalStateException("failed");
		});
		server.connect("add", (call) -> {
			adding.countDown();
			return sum;
		});
		RpcEndpoint<EchoApi> client = this.endpoints.start(EchoApi.class, true, (b) -> b.interceptor(recordEnds(ended)));
		RpcEndpointTests.awaitPeers(client, 1);

		client.api().ping("a");
		await().untilAsserted(() -> assertThat(ended).containsExactlyInAnyOrder("incoming ping SUCCESS 0 null",
				"outgoing ping SUCCESS 0 null"));
		ended.clear();
		assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> client.api().fail("b"));
		await().untilAsserted(() -> assertThat(ended).containsExactlyInAnyOrder(
				"incoming fail ERROR -32000 IllegalStateException", "outgoing fail ERROR -32000 RemoteException"));
		ended.clear();
		CompletableFuture<Long> reply = client.api().add(1, 2);
		assertThat(adding.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(ended).as("an asynchronous handler's call ends when its result completes").isEmpty();
		sum.complete(3L);
		assertThat(reply.join()).isEqualTo(3);
		await().untilAsserted(() -> assertThat(ended).containsExactlyInAnyOrder("incoming add SUCCESS 0 null",
				"outgoing add SUCCESS 0 null"));
	}

	@Test
	void anInterceptorThatThrowsARemoteExceptionAnswersWithItAndTheHandlerDoesNotRun() {
		List<String> ended = new CopyOnWriteArrayList<>();
		AtomicInteger handled = new AtomicInteger();
		RpcEndpoint<EchoApi> server = this.endpoints.start(EchoApi.class, false, (b) -> b.interceptor(recordEnds(ended))
			.interceptor(new CallInterceptor() {

				@Override
				public @Nullable Object interceptIncoming(Invocation call) {
					throw new RemoteException(RemoteException.SECURITY_REJECTED, "access denied to " + call.method());
				}

			}));
		server.connect("ping", (call) -> "handled " + handled.incrementAndGet());
		RpcEndpoint<EchoApi> client = this.endpoints.start(EchoApi.class, true);
		RpcEndpointTests.awaitPeers(client, 1);

		assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> client.api().ping("a"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(RemoteException.SECURITY_REJECTED))
			.satisfies((ex) -> assertThat(ex.remoteMessage()).isEqualTo("access denied to ping"));
		assertThat(handled).hasValue(0);
		await().untilAsserted(() -> assertThat(ended).containsExactly("incoming ping ERROR -32001 RemoteException"));
	}

	@Test
	void interceptorsWrapEachOtherInTheOrderTheyWereAdded() {
		List<String> order = new CopyOnWriteArrayList<>();
		RpcEndpoint<EchoApi> server = this.endpoints.start(EchoApi.class, false,
				(b) -> b.interceptor(around("outer", order)).interceptor(around("inner", order)));
		server.connect("ping", (call) -> {
			order.add("handler");
			return "pong";
		});
		RpcEndpoint<EchoApi> client = this.endpoints.start(EchoApi.class, true);
		RpcEndpointTests.awaitPeers(client, 1);

		assertThat(client.api().ping("a")).isEqualTo("pong");
		assertThat(order).containsExactly("outer in", "inner in", "handler", "inner out", "outer out");
	}

	@Test
	void proceedingTwiceFailsTheCallSayingSo() {
		RpcEndpoint<EchoApi> server = this.endpoints.start(EchoApi.class, false,
				(b) -> b.errorListener((peer, failure) -> {
				}).interceptor(new CallInterceptor() {

					@Override
					public @Nullable Object interceptIncoming(Invocation call) throws Exception {
						call.proceed();
						return call.proceed();
					}

				}));
		server.connect("ping", (call) -> "pong");
		RpcEndpoint<EchoApi> client = this.endpoints.start(EchoApi.class, true);
		RpcEndpointTests.awaitPeers(client, 1);

		assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> client.api().ping("a"))
			.satisfies((ex) -> assertThat(ex.remoteMessage()).isEqualTo("proceed() was called again for ping of "
					+ "endpoint 'echo'; each interceptor must call it exactly once"));
	}

	@Test
	void aCheckedExceptionOfAnOutgoingInterceptorFailsTheCallAsAnRpcException() {
		List<String> ended = new CopyOnWriteArrayList<>();
		this.endpoints.start(EchoApi.class, false).connect("ping", (call) -> "pong");
		RpcEndpoint<EchoApi> client = this.endpoints.start(EchoApi.class, true,
				(b) -> b.interceptor(recordEnds(ended)).interceptor(new CallInterceptor() {

					@Override
					public @Nullable Object interceptOutgoing(Invocation call) throws Exception {
						throw new IOException("no route");
					}

				}));
		RpcEndpointTests.awaitPeers(client, 1);

		assertThatExceptionOfType(RpcException.class).isThrownBy(() -> client.api().ping("a"))
			.withMessage("A call interceptor threw java.io.IOException: no route; the call may not have been sent")
			.withCauseInstanceOf(IOException.class);
		assertThatExceptionOfType(RpcException.class).isThrownBy(() -> client.api().say(null, "a"))
			.withCauseInstanceOf(IOException.class);
		assertThat(ended).containsExactly("outgoing ping FAILED 0 RpcException", "outgoing say FAILED 0 IOException");
		assertThat(client.pendingReplies()).isZero();
	}

	private static CallInterceptor recordEnds(List<String> ended) {
		return new CallInterceptor() {

			@Override
			public @Nullable Object interceptIncoming(Invocation call) throws Exception {
				return record(call);
			}

			@Override
			public @Nullable Object interceptOutgoing(Invocation call) throws Exception {
				return record(call);
			}

			private @Nullable Object record(Invocation call) throws Exception {
				call.whenEnded((outcome, code, failure) -> ended.add((call.isIncoming() ? "incoming " : "outgoing ")
						+ call.method() + " " + outcome + " " + code + " "
						+ ((failure != null) ? failure.getClass().getSimpleName() : null)));
				return call.proceed();
			}

		};
	}

	private static CallInterceptor around(String name, List<String> order) {
		return new CallInterceptor() {

			@Override
			public @Nullable Object interceptIncoming(Invocation call) throws Exception {
				order.add(name + " in");
				try {
					return call.proceed();
				}
				finally {
					order.add(name + " out");
				}
			}

		};
	}

	/** Headers of an incoming call cannot be changed. */
	@Test
	void theHeadersOfAnIncomingCallAreReadOnly() {
		List<Class<?>> failures = new CopyOnWriteArrayList<>();
		RpcEndpoint<EchoApi> server = this.endpoints.start(EchoApi.class, false, (b) -> b.interceptor(new CallInterceptor() {

			@Override
			public @Nullable Object interceptIncoming(Invocation call) throws Exception {
				try {
					call.headers().put("x", "y");
				}
				catch (UnsupportedOperationException ex) {
					failures.add(ex.getClass());
				}
				return call.proceed();
			}

		}));
		server.connect("ping", (call) -> "pong");
		RpcEndpoint<EchoApi> client = this.endpoints.start(EchoApi.class, true);
		RpcEndpointTests.awaitPeers(client, 1);

		assertThat(client.api().ping("a")).isEqualTo("pong");
		assertThat(failures).containsExactly(UnsupportedOperationException.class);
	}

}
