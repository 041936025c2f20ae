package io.quickrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Handler exceptions become error replies by the API's declarations and the endpoint's
 * {@link ExceptionMapper}; error replies become the exceptions the calling method declares, or
 * what the endpoint's {@link ErrorDecoder} makes of them.
 */
class ErrorMappingTests {

	@RegisterExtension
	final Endpoints endpoints = new Endpoints();

	private final List<Throwable> reported = new CopyOnWriteArrayList<>();

	@Test
	void declaredCheckedExceptionWithRpcErrorIsThrownAsItselfAndNotReported() {
		BankApi client = serverAndClient((builder) -> builder, (builder) -> builder);

		assertThatExceptionOfType(InsufficientFundsException.class).isThrownBy(() -> client.withdraw("alice", 500))
			.withMessage("alice has 100, not 500")
			.havingCause()
			.isInstanceOfSatisfying(RemoteException.class, (remote) -> {
				assertThat(remote.code()).isEqualTo(1001);
				assertThat(remote.data()).isEqualTo(Map.of("type", InsufficientFundsException.class.getName()));
			});
		assertThat(this.reported).isEmpty();
	}

	@Test
	void asynchronousCallCompletesWithTheDeclaredException() {
		BankApi client = serverAndClient((builder) -> builder, (builder) -> builder);

		CompletableFuture<Long> balance = client.balance("bob");

		assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> balance.get(5, TimeUnit.SECONDS))
			.havingCause()
			.isInstanceOf(AccountClosedException.class)
			.withMessage("bob closed his account");
		assertThat(this.reported).isEmpty();
	}

	@Test
	void declaredExceptionWithoutRpcErrorIsAnsweredWithServerErrorAndFoundByItsType() {
		BankApi client = serverAndClient((builder) -> builder, (builder) -> builder);

		assertThatExceptionOfType(AccountClosedException.class).isThrownBy(() -> client.withdraw("bob", 1))
			.havingCause()
			.isInstanceOfSatisfying(RemoteException.class,
					(remote) -> assertThat(remote.code()).isEqualTo(RemoteException.SERVER_ERROR));
		assertThat(this.reported).isEmpty();
	}

	@Test
	void unmappedExceptionIsAServerErrorAndReported() {
		BankApi client = serverAndClient((builder) -> builder, (builder) -> builder);

		assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> client.open("x"))
			.satisfies((remote) -> assertThat(remote.code()).isEqualTo(RemoteException.SERVER_ERROR))
			.satisfies((remote) -> assertThat(remote.remoteMessage()).isEqualTo("no account name: x"));
		assertThat(this.reported).singleElement().isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void exceptionMapperChoosesTheReplyOfAnExpectedOutcomeAndSeesTheHandler() {
		List<Object> handlers = new CopyOnWriteArrayList<>();
		BankApi client = serverAndClient((builder) -> builder.exceptionMapper((exception, call, handler) -> {
			handlers.add(handler);
			if (exception instanceof IllegalArgumentException) {
				return MappedError.outcome(new RemoteException(RemoteException.INVALID_PARAMS,
						call.method() + ": " + exception.getMessage(), Map.of("account", call.argument("name"))));
			}
			return null;
		}), (builder) -> builder);

		assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> client.open("x"))
			.satisfies((remote) -> {
				assertThat(remote.code()).isEqualTo(RemoteException.INVALID_PARAMS);
				assertThat(remote.remoteMessage()).isEqualTo("open: no account name: x");
				assertThat(remote.data()).isEqualTo(Map.of("account", "x"));
			});
		assertThat(handlers).singleElement().isInstanceOf(BankHandler.class);
		assertThat(this.reported).isEmpty();
	}

	@Test
	void exceptionMappersAreAskedInTheOrderAddedUntilOneMaps() {
		List<String> asked = new CopyOnWriteArrayList<>();
		BankApi client = serverAndClient((builder) -> builder.exceptionMapper((exception, call, handler) -> {
			asked.add("first");
			return null;
		}).exceptionMapper((exception, call, handler) -> {
			asked.add("second");
			return MappedError.outcome(new RemoteException(1002, "second"));
		}).exceptionMapper((exception, call, handler) -> {
			asked.add("third");
			return MappedError.outcome(new RemoteException(1003, "third"));
		}), (builder) -> builder);

		assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> client.open("x"))
			.satisfies((remote) -> assertThat(remote.code()).isEqualTo(1002));
		assertThat(asked).containsExactly("first", "second");
	}

	@Test
	void exceptionMapperMayMapAFailureWhichIsStillReported() {
		BankApi client = serverAndClient((builder) -> builder.exceptionMapper((exception, call, handler) -> MappedError
			.failure(new RemoteException(RemoteException.INTERNAL_ERROR, "try again later"))), (builder) -> builder);

		assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> client.open("x"))
			.satisfies((remote) -> assertThat(remote.code()).isEqualTo(RemoteException.INTERNAL_ERROR))
			.satisfies((remote) -> assertThat(remote.remoteMessage()).isEqualTo("try again later"));
		assertThat(this.reported).singleElement().isInstanceOf(IllegalArgumentException.class);
	}

	@Test
	void exceptionMapperDoesNotOverrideTheCodeOfAnRpcErrorClass() {
		BankApi client = serverAndClient((builder) -> builder.exceptionMapper((exception, call, handler) -> MappedError
			.outcome(new RemoteException(RemoteException.INTERNAL_ERROR, "mapped"))), (builder) -> builder);

		assertThatExceptionOfType(InsufficientFundsException.class).isThrownBy(() -> client.withdraw("alice", 500));
	}

	@Test
	void exceptionMapperThatThrowsLeavesAReportedServerError() {
		BankApi client = serverAndClient((builder) -> builder.exceptionMapper((exception, call, handler) -> {
			throw new IllegalStateException("mapper broke");
		}), (builder) -> builder);

		assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> client.open("x"))
			.satisfies((remote) -> assertThat(remote.code()).isEqualTo(RemoteException.SERVER_ERROR));
		assertThat(this.reported).singleElement()
			.satisfies((failure) -> assertThat(failure.getSuppressed()).extracting(Throwable::getMessage)
				.containsExactly("mapper broke"));
	}

	@Test
	void errorDecoderIsAskedFirstAndMayLeaveTheErrorToTheDefaults() {
		List<String> asked = new CopyOnWriteArrayList<>();
		BankApi client = serverAndClient((builder) -> builder, (builder) -> builder.errorDecoder((method, error) -> {
			asked.add(method.getName());
			return (error.code() == RemoteException.SERVER_ERROR && method.getName().equals("open"))
					? new UnsupportedOperationException("cannot open: " + error.remoteMessage()) : null;
		}));

		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(() -> client.open("x"))
			.withMessage("cannot open: no account name: x")
			.withCauseInstanceOf(RemoteException.class);
		assertThatExceptionOfType(InsufficientFundsException.class).isThrownBy(() -> client.withdraw("alice", 500));
		assertThat(asked).containsExactly("open", "withdraw");
	}

	@Test
	void errorDecoderThatReturnsAnUndeclaredCheckedExceptionFailsTheCallWithItAsCause() {
		BankApi client = serverAndClient((builder) -> builder,
				(builder) -> builder.errorDecoder((method, error) -> new java.io.IOException(error.remoteMessage())));

		assertThatExceptionOfType(RpcException.class).isThrownBy(() -> client.open("x"))
			.withCauseInstanceOf(java.io.IOException.class);
	}

	@Test
	void errorOfThePythonOriginalStaysARemoteException() {
		BankApi client = serverAndClient((builder) -> builder, (builder) -> builder);

		assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> client.withdraw("carol", 1))
			.satisfies((remote) -> {
				assertThat(remote.code()).isEqualTo(RemoteException.UNSPECIFIED);
				assertThat(remote.data()).isEqualTo("Traceback (most recent call last): ...");
			});
	}

	private BankApi serverAndClient(java.util.function.UnaryOperator<RpcEndpoint.Builder<BankApi>> server,
			java.util.function.UnaryOperator<RpcEndpoint.Builder<BankApi>> client) {
		RpcEndpoint<BankApi> handling = this.endpoints.start(BankApi.class, false,
				(builder) -> server.apply(builder.errorListener((peer, error) -> this.reported.add(error))));
		handling.connect(new BankHandler());
		RpcEndpoint<BankApi> calling = this.endpoints.start(BankApi.class, true, client);
		RpcEndpointTests.awaitPeers(calling, 1);
		return calling.api();
	}

	@RemoteApi("bank")
	interface BankApi {

		@Incoming
		long withdraw(String account, long amount) throws InsufficientFundsException, AccountClosedException;

		@Incoming
		CompletableFuture<Long> balance(String account) throws AccountClosedException;

		@Incoming
		String open(String name);

	}

	@RpcError(code = 1001)
	static class InsufficientFundsException extends Exception {

		private static final long serialVersionUID = 1L;

		public InsufficientFundsException(String message) {
			super(message);
		}

	}

	static class AccountClosedException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		public AccountClosedException(String message, Throwable cause) {
			super(message, cause);
		}

	}

	static class BankHandler {

		@IncomingHandler
		public long withdraw(String account, long amount) throws InsufficientFundsException {
			if (account.equals("bob")) {
				throw new AccountClosedException("bob closed his account", null);
			}
			if (account.equals("carol")) {
				throw new RemoteException(RemoteException.UNSPECIFIED, "KeyError: 'carol'",
						"Traceback (most recent call last): ...");
			}
			throw new InsufficientFundsException(account + " has 100, not " + amount);
		}

		@IncomingHandler
		public CompletableFuture<Long> balance(String account) {
			return CompletableFuture.failedFuture(new AccountClosedException(account + " closed his account", null));
		}

		@IncomingHandler
		public String open(String name) {
			throw new IllegalArgumentException("no account name: " + name);
		}

	}

}
