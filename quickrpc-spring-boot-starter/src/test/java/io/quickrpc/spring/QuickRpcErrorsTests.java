package io.quickrpc.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import jakarta.validation.constraints.NotBlank;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.validation.BindException;
import org.springframework.validation.MapBindingResult;
import org.springframework.validation.annotation.Validated;
import org.springframework.validation.beanvalidation.MethodValidationPostProcessor;

import io.quickrpc.ErrorDecoder;
import io.quickrpc.IncomingCall;
import io.quickrpc.IncomingHandler;
import io.quickrpc.RemoteException;
import io.quickrpc.RpcEndpoint;
import io.quickrpc.security.SecurityInfo;
import io.quickrpc.spring.errorapis.AccountLockedException;
import io.quickrpc.spring.errorapis.AccountsApi;
import io.quickrpc.spring.errorapis.InsufficientFundsException;

/**
 * Exceptions of handler methods become error replies by {@link RpcExceptionHandler} methods, the
 * built-in mappings and {@link io.quickrpc.RpcError}; error replies become the exceptions that the
 * calling side declares or its {@link ErrorDecoder} beans choose.
 */
@ExtendWith(OutputCaptureExtension.class)
class QuickRpcErrorsTests {

	private final String bus = "bus-" + UUID.randomUUID();

	private final ApplicationContextRunner server = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(QuickRpcAutoConfiguration.class))
		.withUserConfiguration(Apis.class, AccountsHandler.class, AuditHandler.class, Validation.class)
		.withPropertyValues("quickrpc.apis.accounts.transport=internal:" + this.bus + ":accounts");

	private final ApplicationContextRunner client = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(QuickRpcAutoConfiguration.class))
		.withUserConfiguration(Apis.class)
		.withPropertyValues("quickrpc.apis.accounts.transport=internal:" + this.bus + ":client",
				"quickrpc.apis.accounts.invert=true");

	@Test
	void adviceMapsAnExceptionToTheCodeMessageAndDataOfItsClosestHandlerMethodLoggedAtDebug(CapturedOutput output) {
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		logging.setLogLevel(RpcEndpoint.class.getName(), LogLevel.DEBUG);
		try {
			this.server.withUserConfiguration(LockAdvice.class).run((context) -> call((accounts) -> {
				assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> accounts.close("alice"))
					.satisfies((error) -> {
						assertThat(error.code()).isEqualTo(1002);
						assertThat(error.remoteMessage()).isEqualTo("account is locked");
						assertThat(error.data()).isEqualTo(Map.of("account", "alice", "method", "close"));
					});
			}));
		}
		finally {
			logging.setLogLevel(RpcEndpoint.class.getName(), null);
		}
		assertThat(output).contains("DEBUG io.quickrpc.RpcEndpoint").contains("call of 'close'")
			.contains("answered with error 1002: account is locked")
			.doesNotContain("handler failed");
	}

	@Test
	void handlerBeansOwnExceptionHandlerComesBeforeAdvice() {
		this.server.withUserConfiguration(LockAdvice.class).run((context) -> call((accounts) -> {
			assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> accounts.audit("bob"))
				.satisfies((error) -> assertThat(error.code()).isEqualTo(1003))
				.satisfies((error) -> assertThat(error.remoteMessage()).isEqualTo("audit refused: bob is audited"));
			assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> accounts.crash("state"))
				.satisfies((error) -> assertThat(error.code()).isEqualTo(1005))
				.satisfies((error) -> assertThat(error.data())
					.isEqualTo(Map.of("type", IllegalStateException.class.getName())));
		}));
	}

	@Test
	void adviceBeansAreAskedInTheirOrderAndOnlyForTheirApis() {
		this.server.withUserConfiguration(LockAdvice.class, EarlyAdvice.class, OtherApiAdvice.class)
			.run((context) -> call((accounts) -> {
				assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> accounts.close("alice"))
					.satisfies((error) -> assertThat(error.code()).isEqualTo(1010))
					.satisfies((error) -> assertThat(error.remoteMessage()).isEqualTo("early: account is locked"));
			}));
	}

	@Test
	void illegalArgumentIsInvalidParams() {
		this.server.run((context) -> call((accounts) -> {
			assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> accounts.open("x"))
				.satisfies((error) -> assertThat(error.code()).isEqualTo(RemoteException.INVALID_PARAMS))
				.satisfies((error) -> assertThat(error.remoteMessage()).isEqualTo("names have two letters or more"));
		}));
	}

	@Test
	void beanValidationOfAValidatedHandlerIsInvalidParamsWithTheViolations(CapturedOutput output) {
		this.server.run((context) -> call((accounts) -> {
			assertThat(accounts.rename("alice", "Alice")).isEqualTo("alice is now Alice");
			assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> accounts.rename("alice", " "))
				.satisfies((error) -> {
					assertThat(error.code()).isEqualTo(RemoteException.INVALID_PARAMS);
					assertThat(error.remoteMessage()).isEqualTo("Invalid params for rename: name must not be blank");
					assertThat(error.data()).isEqualTo(
							Map.of("violations", List.of(Map.of("path", "name", "message", "must not be blank"))));
				});
		}));
		assertThat(output).doesNotContain("handler failed");
	}

	@Test
	void springMethodValidationExceptionIsInvalidParamsWithTheViolations() {
		this.server.withPropertyValues("test.adapt-constraint-violations=true").run((context) -> call((accounts) -> {
			assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> accounts.rename("alice", ""))
				.satisfies((error) -> assertThat(error.code()).isEqualTo(RemoteException.INVALID_PARAMS))
				.satisfies((error) -> assertThat(error.data()).isEqualTo(
						Map.of("violations", List.of(Map.of("path", "name", "message", "must not be blank")))));
		}));
	}

	@Test
	void bindingErrorsAreInvalidParamsWithTheFieldAndGlobalErrors() {
		this.server.run((context) -> call((accounts) -> {
			assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> accounts.register("x"))
				.satisfies((error) -> assertThat(error.code()).isEqualTo(RemoteException.INVALID_PARAMS))
				.satisfies((error) -> assertThat(error.remoteMessage())
					.isEqualTo("Invalid params for register: is taken; name is too short"))
				.satisfies((error) -> assertThat(error.data()).isEqualTo(Map.of("violations",
						List.of(Map.of("path", "", "message", "is taken"),
								Map.of("path", "name", "message", "is too short")))));
		}));
	}

	@Test
	void unmappedExceptionIsAServerErrorLoggedAtWarn(CapturedOutput output) {
		this.server.run((context) -> call((accounts) -> {
			assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> accounts.crash("oops"))
				.satisfies((error) -> assertThat(error.code()).isEqualTo(RemoteException.SERVER_ERROR))
				.satisfies((error) -> assertThat(error.remoteMessage()).isEqualTo("oops"));
		}));
		assertThat(output).contains("handler failed").contains("java.lang.UnsupportedOperationException: oops");
	}

	@Test
	void rpcErrorExceptionIsThrownAsItselfByTheInjectedClient() {
		this.server.run((server) -> this.client.run((client) -> {
			AccountsApi accounts = awaitConnected(client);
			assertThatExceptionOfType(InsufficientFundsException.class)
				.isThrownBy(() -> accounts.withdraw("alice", 500))
				.withMessage("alice has 100");
		}));
	}

	@Test
	void errorDecoderBeansQualifiedByApiComeBeforeGlobalOnesAndOthersAreLeftOut() {
		this.server.withUserConfiguration(LockAdvice.class)
			.run((server) -> this.client.withUserConfiguration(Decoders.class).run((client) -> {
				AccountsApi accounts = awaitConnected(client);
				assertThatExceptionOfType(AccountLockedException.class).isThrownBy(() -> accounts.close("alice"))
					.withMessage("accounts: account is locked");
				assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> accounts.open("x"))
					.withMessage("global: names have two letters or more");
			}));
	}

	@Test
	void exceptionHandlerWithAParameterItCannotBeGivenFailsTheStartup() {
		this.server.withUserConfiguration(BadAdvice.class).run((context) -> assertThat(context).hasFailed()
			.getFailure()
			.isInstanceOf(QuickRpcStartupException.class)
			.hasMessage("@RpcExceptionHandler BadAdvice.handle of bean 'quickRpcErrorsTests.BadAdvice' has parameter "
					+ "'name' of type java.lang.String, which it cannot be given"));
	}

	@Test
	void twoExceptionHandlersOfOneBeanForOneTypeFailTheStartup() {
		this.server.withUserConfiguration(TwiceAdvice.class).run((context) -> assertThat(context).hasFailed()
			.getFailure()
			.isInstanceOf(QuickRpcStartupException.class)
			.hasMessageStartingWith("Bean 'quickRpcErrorsTests.TwiceAdvice' has two @RpcExceptionHandler methods for "
					+ AccountLockedException.class.getName()));
	}

	private void call(Consumer<AccountsApi> calls) {
		try (RpcEndpoint<AccountsApi> caller = RpcEndpoint.builder(AccountsApi.class).inverted(true)
			.transport("internal:" + this.bus + ":caller").build().start()) {
			await().until(() -> caller.peers().contains("accounts"));
			calls.accept(caller.api());
		}
	}

	@SuppressWarnings("unchecked")
	private static AccountsApi awaitConnected(org.springframework.context.ApplicationContext client) {
		RpcEndpoint<AccountsApi> endpoint = client.getBean(RpcEndpoint.class);
		await().until(() -> endpoint.peers().contains("accounts"));
		return client.getBean(AccountsApi.class);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableQuickRpc(basePackageClasses = AccountsApi.class)
	static class Apis {

	}

	@Configuration(proxyBeanMethods = false)
	static class Validation {

		@Bean
		static MethodValidationPostProcessor methodValidationPostProcessor(
				org.springframework.core.env.Environment environment) {
			MethodValidationPostProcessor postProcessor = new MethodValidationPostProcessor();
			postProcessor.setAdaptConstraintViolations(
					environment.getProperty("test.adapt-constraint-violations", Boolean.class, false));
			return postProcessor;
		}

	}

	@Validated
	static class AccountsHandler {

		@IncomingHandler
		public long withdraw(String account, long amount) throws InsufficientFundsException {
			throw new InsufficientFundsException(account + " has 100");
		}

		@IncomingHandler
		public String close(String account) {
			throw new AccountLockedException("account is locked");
		}

		@IncomingHandler
		public String rename(String account, @NotBlank String name) {
			return account + " is now " + name;
		}

		@IncomingHandler
		public String open(String name) {
			throw new IllegalArgumentException("names have two letters or more");
		}

		@IncomingHandler
		public String register(String name) throws BindException {
			MapBindingResult errors = new MapBindingResult(Map.of("name", name), "account");
			errors.rejectValue("name", "short", "is too short");
			errors.reject("taken", "is taken");
			throw new BindException(errors);
		}

		@IncomingHandler
		public String crash(String reason) {
			if (reason.equals("state")) {
				throw new IllegalStateException(reason);
			}
			throw new UnsupportedOperationException(reason);
		}

	}

	static class AuditHandler {

		@IncomingHandler
		public String audit(String account) {
			throw new IllegalStateException(account + " is audited");
		}

		@RpcExceptionHandler(code = 1003)
		RemoteException refused(IllegalStateException ex) {
			return new RemoteException(1003, "audit refused: " + ex.getMessage());
		}

	}

	@RpcAdvice
	static class LockAdvice {

		@RpcExceptionHandler(code = 1002)
		Map<String, Object> locked(AccountLockedException ex, IncomingCall call, SecurityInfo securityInfo) {
			return Map.of("account", call.argument("account"), "method", call.method());
		}

		@RpcExceptionHandler(value = IllegalStateException.class, code = 1005)
		void state() {
		}

		@RpcExceptionHandler(code = 1009)
		void anyRuntime(RuntimeException ex) {
		}

	}

	@RpcAdvice
	@Order(-1)
	static class EarlyAdvice {

		@RpcExceptionHandler(code = 1010)
		RemoteException locked(AccountLockedException ex) {
			return new RemoteException(1010, "early: " + ex.getMessage());
		}

	}

	@RpcAdvice(apis = "other")
	@Order(-2)
	static class OtherApiAdvice {

		@RpcExceptionHandler(code = 1011)
		void locked(AccountLockedException ex) {
		}

	}

	static class BadAdvice {

		@RpcExceptionHandler(AccountLockedException.class)
		void handle(String name) {
		}

	}

	@RpcAdvice
	static class TwiceAdvice {

		@RpcExceptionHandler
		void once(AccountLockedException ex) {
		}

		@RpcExceptionHandler({ AccountLockedException.class, IllegalStateException.class })
		void twice() {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Decoders {

		@Bean
		@Qualifier("accounts")
		ErrorDecoder accountsDecoder() {
			return (method, error) -> (error.code() == 1002)
					? new AccountLockedException("accounts: " + error.remoteMessage()) : null;
		}

		@Bean
		@Qualifier("other")
		ErrorDecoder otherDecoder() {
			return (method, error) -> new IllegalStateException("other API's decoder");
		}

		@Bean
		ErrorDecoder globalDecoder() {
			return (method, error) -> new IllegalArgumentException("global: " + error.remoteMessage());
		}

	}

}
