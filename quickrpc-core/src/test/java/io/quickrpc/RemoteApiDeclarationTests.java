package io.quickrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.quickrpc.security.SecurityInfo;

class RemoteApiDeclarationTests {

	@Test
	void apiNameDefaultsToTheDecapitalizedSimpleName() {
		assertThat(RpcEndpoint.apiName(Unnamed.class)).isEqualTo("unnamed");
		assertThat(RpcEndpoint.apiName(EchoApi.class)).isEqualTo("echo");
		assertThat(build(Unnamed.class).name()).isEqualTo("unnamed");
	}

	@Test
	void aClassIsNotARemoteApi() {
		assertThatIllegalArgumentException().isThrownBy(() -> build(String.class))
			.withMessage("java.lang.String is not an interface; declare a remote API as an interface annotated "
					+ "@RemoteApi");
	}

	@Test
	void anInterfaceWithoutRemoteApiIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> build(Runnable.class))
			.withMessage("java.lang.Runnable is not annotated @RemoteApi; annotate it");
	}

	@Test
	void badDeclarationsFailNamingTheMethod() {
		assertInvalid(Both.class, "it is both @Incoming and @Outgoing; choose one, for method Both.call");
		assertInvalid(Neither.class,
				"it is neither @Incoming nor @Outgoing; annotate it, or give it a default body, for method Neither.call");
		assertInvalid(TwoPeers.class, "only one parameter may be @Peer, but 'a' and 'b' are, for method TwoPeers.call");
		assertInvalid(IntPeer.class, "@Peer parameter 'peer' must be a String or a Collection<String>, List<String> or "
				+ "Set<String>, not int, for method IntPeer.call");
		assertInvalid(RawFuture.class, "declare the reply type, as in CompletableFuture<String> "
				+ "(CompletableFuture<Void> for a reply without a value), for method RawFuture.call");
		assertInvalid(PlainFuture.class, "a reply is returned as CompletableFuture<T> or CompletionStage<T>, or as a "
				+ "plain type to wait for it, not as Future, for method PlainFuture.call");
		assertInvalid(Generic.class, "a remote method cannot have type parameters, for method Generic.call");
		assertInvalid(SecurityParameter.class, "security information is not a remote parameter; declare 'info' on the "
				+ "handler method instead, for method SecurityParameter.call");
		assertThatIllegalArgumentException().isThrownBy(() -> build(Overloaded.class))
			.withMessageStartingWith("Invalid remote method: remote method names must be unique, but call is declared "
					+ "more than once, for method Overloaded.call");
	}

	@Test
	void builderRejectsBadSettingsClearly() {
		assertThatIllegalArgumentException().isThrownBy(() -> RpcEndpoint.builder(EchoApi.class).build())
			.withMessage("No transport given for API 'echo'; set one, such as transport(\"tcpserv::8888\") or "
					+ "transport(\"internal:bus\")");
		assertThatIllegalArgumentException().isThrownBy(() -> RpcEndpoint.builder(EchoApi.class).handlerConcurrency(0))
			.withMessage("handlerConcurrency must be at least 1, not 0");
		assertThatIllegalArgumentException().isThrownBy(() -> RpcEndpoint.builder(EchoApi.class).maxPendingReplies(0))
			.withMessage("maxPendingReplies must be at least 1, not 0");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> RpcEndpoint.builder(EchoApi.class).replyTimeout(java.time.Duration.ZERO))
			.withMessage("replyTimeout must be positive, not PT0S");
	}

	@Test
	void handlerObjectsMustFitTheApi() {
		RpcEndpoint<EchoApi> endpoint = build(EchoApi.class);
		assertThatIllegalArgumentException().isThrownBy(() -> endpoint.connect(new UnknownMethod()))
			.withMessage("Handler method UnknownMethod.shout names no incoming method of API 'echo' (EchoApi); "
					+ "incoming methods: [add, fail, ping, say]. Rename it, or set @IncomingHandler(method = ...)");
		assertThatIllegalArgumentException().isThrownBy(() -> endpoint.connect(new WrongName()))
			.withMessage("Handler method WrongName.ping cannot handle EchoApi.ping: parameter 'words' is not a "
					+ "parameter of EchoApi.ping [text].");
		assertThatIllegalArgumentException().isThrownBy(() -> endpoint.connect(new WrongType()))
			.withMessage("Handler method WrongType.ping cannot handle EchoApi.ping: parameter 'text' is a Integer, but "
					+ "EchoApi.ping declares it as String.");
		assertThatIllegalArgumentException().isThrownBy(() -> endpoint.connect(new Object()))
			.withMessage("java.lang.Object has no @IncomingHandler methods for API 'echo'; annotate the methods that "
					+ "handle its incoming calls");
		assertThatIllegalArgumentException().isThrownBy(() -> endpoint.connect("echo", (call) -> null))
			.withMessage("'echo' is not an incoming method of API 'echo' (EchoApi); incoming methods: "
					+ "[add, fail, ping, say]");
		assertThat(endpoint.unhandledCalls()).as("nothing was connected by the failed attempts")
			.containsExactly("add", "fail", "ping", "say");
	}

	@Test
	void handlerMethodsForOtherApisAreSkippedAndExplicitNamesAreUsed() {
		RpcEndpoint<EchoApi> endpoint = build(EchoApi.class);
		endpoint.connect(new Explicit());
		assertThat(endpoint.unhandledCalls()).containsExactly("add", "fail", "say");
	}

	private static <T> RpcEndpoint<T> build(Class<T> api) {
		return RpcEndpoint.builder(api).transport("internal:declarations").build();
	}

	private static void assertInvalid(Class<?> api, String reason) {
		assertThatIllegalArgumentException().isThrownBy(() -> build(api))
			.withMessage("Invalid remote method: " + reason);
	}

	@RemoteApi
	interface Unnamed {

	}

	@RemoteApi
	interface Both {

		@Incoming
		@Outgoing
		void call();

	}

	@RemoteApi
	interface Neither {

		void call();

	}

	@RemoteApi
	interface TwoPeers {

		@Incoming
		void call(@Peer String a, @Peer String b);

	}

	@RemoteApi
	interface IntPeer {

		@Incoming
		void call(@Peer int peer);

	}

	@RemoteApi
	interface RawFuture {

		@SuppressWarnings("rawtypes")
		@Outgoing
		CompletableFuture call();

	}

	@RemoteApi
	interface PlainFuture {

		@Outgoing
		Future<String> call();

	}

	@RemoteApi
	interface Generic {

		@Outgoing
		<T> T call();

	}

	@RemoteApi
	interface SecurityParameter {

		@Incoming
		void call(SecurityInfo info);

	}

	@RemoteApi
	interface Overloaded {

		@Incoming
		void call();

		@Incoming
		void call(String text);

	}

	static class UnknownMethod {

		@IncomingHandler
		void shout(String text) {
		}

	}

	static class WrongName {

		@IncomingHandler
		String ping(String words) {
			return words;
		}

	}

	static class WrongType {

		@IncomingHandler
		String ping(Integer text) {
			return "";
		}

	}

	static class Explicit {

		@IncomingHandler(method = "ping")
		String answer(String text) {
			return text;
		}

		@IncomingHandler(api = "other")
		void unrelated(List<String> anything) {
		}

	}

}
