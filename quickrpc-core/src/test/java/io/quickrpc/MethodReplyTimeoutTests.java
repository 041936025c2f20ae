package io.quickrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class MethodReplyTimeoutTests {

	@RegisterExtension
	final Endpoints endpoints = new Endpoints();

	@RemoteApi("slow")
	interface SlowApi {

		@Incoming
		@ReplyTimeout(value = 150, unit = TimeUnit.MILLISECONDS)
		String quick(String text);

		@Incoming
		String plain(String text);

		@Outgoing
		@ReplyTimeout(3)
		CompletableFuture<String> report(String text);

		@Incoming
		void tell(String text);

	}

	@RemoteApi("misplaced")
	interface MisplacedApi {

		@Incoming
		@ReplyTimeout(5)
		void notify(String text);

	}

	@RemoteApi("negative")
	interface NegativeApi {

		@Incoming
		@ReplyTimeout(0)
		String ping(String text);

	}

	@Test
	void annotatedMethodTimesOutAfterItsOwnTimeoutWhileOthersKeepTheEndpointTimeout() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		RpcEndpoint<SlowApi> server = this.endpoints.start(SlowApi.class, false, (b) -> b.handlerConcurrency(4));
		server.connect("quick", (call) -> {
			release.await();
			return "late";
		});
		server.connect("plain", (call) -> call.argument("text"));
		RpcEndpoint<SlowApi> caller = this.endpoints.start(SlowApi.class, true,
				(b) -> b.replyTimeout(Duration.ofMinutes(5)));
		await().until(() -> caller.peers().size() == 1);
		try {
			assertThatExceptionOfType(ReplyTimeoutException.class).isThrownBy(() -> caller.api().quick("hi"))
				.withMessageContaining("No reply to SlowApi.quick")
				.withMessageContaining("within 150 ms");
			assertThat(caller.api().plain("hi")).isEqualTo("hi");
			assertThat(caller.replyTimeout("quick")).isEqualTo(Duration.ofMillis(150));
			assertThat(caller.replyTimeout("plain")).isEqualTo(Duration.ofMinutes(5));
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void annotationCountsOnWhicheverSideCallsTheMethod() {
		RpcEndpoint<SlowApi> server = this.endpoints.start(SlowApi.class, false);
		RpcEndpoint<SlowApi> caller = this.endpoints.start(SlowApi.class, true);

		assertThat(server.replyTimeout("report")).isEqualTo(Duration.ofSeconds(3));
		assertThat(caller.replyTimeout("quick")).isEqualTo(Duration.ofMillis(150));
	}

	@Test
	void timeoutGivenToTheBuilderReplacesTheAnnotation() {
		CountDownLatch release = new CountDownLatch(1);
		RpcEndpoint<SlowApi> server = this.endpoints.start(SlowApi.class, false);
		server.connect("quick", (call) -> {
			release.await();
			return "late";
		});
		RpcEndpoint<SlowApi> caller = this.endpoints.start(SlowApi.class, true,
				(b) -> b.replyTimeout("quick", Duration.ofMillis(40)).replyTimeout("plain", Duration.ofSeconds(7)));
		await().until(() -> caller.peers().size() == 1);
		try {
			assertThat(caller.replyTimeout("quick")).isEqualTo(Duration.ofMillis(40));
			assertThat(caller.replyTimeout("plain")).isEqualTo(Duration.ofSeconds(7));
			assertThatExceptionOfType(ReplyTimeoutException.class).isThrownBy(() -> caller.api().quick("hi"))
				.withMessageContaining("within 40 ms");
		}
		finally {
			release.countDown();
		}
	}

	@Test
	void builderRejectsATimeoutForAMethodThisSideDoesNotCallWithAReply() {
		RpcEndpoint.Builder<SlowApi> caller = RpcEndpoint.builder(SlowApi.class).transport("internal:x").inverted(true);

		assertThatIllegalArgumentException()
			.isThrownBy(() -> caller.replyTimeout("qick", Duration.ofSeconds(1)).build())
			.withMessage("Cannot set a reply timeout: API 'slow' (SlowApi) has no method 'qick'; name one of the "
					+ "methods this side calls with a reply: [plain, quick]");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RpcEndpoint.builder(SlowApi.class).transport("internal:x").inverted(true)
				.replyTimeout("tell", Duration.ofSeconds(1)).build())
			.withMessageContaining("has 'tell' without a reply, so nothing waits for one");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RpcEndpoint.builder(SlowApi.class).transport("internal:x")
				.replyTimeout("quick", Duration.ofSeconds(1)).build())
			.withMessageContaining("receives 'quick' here: the other side calls it")
			.withMessageEndingWith("[report]");
		assertThatIllegalArgumentException().isThrownBy(() -> caller.replyTimeout("plain", Duration.ZERO))
			.withMessage("The reply timeout of method 'plain' must be positive, not PT0S");
	}

	@Test
	void annotationOnAMethodWithoutReplyOrWithoutAPositiveTimeoutFailsTheBuild() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RpcEndpoint.builder(MisplacedApi.class).transport("internal:x").build())
			.withMessage("Invalid remote method: @ReplyTimeout is for methods with a reply, and this one returns void; "
					+ "remove it, for method MisplacedApi.notify");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RpcEndpoint.builder(NegativeApi.class).transport("internal:x").build())
			.withMessage("Invalid remote method: @ReplyTimeout must be positive, not 0, for method NegativeApi.ping");
	}

	@Test
	void askingForTheTimeoutOfAnUnknownMethodSaysWhichMethodsThereAre() {
		RpcEndpoint<SlowApi> caller = this.endpoints.start(SlowApi.class, true);

		assertThatIllegalArgumentException().isThrownBy(() -> caller.replyTimeout("nosuch"))
			.withMessageStartingWith("Endpoint 'slow' (SlowApi) has no method 'nosuch'");
	}

}
