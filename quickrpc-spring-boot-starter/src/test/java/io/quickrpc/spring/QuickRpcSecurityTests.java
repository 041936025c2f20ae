package io.quickrpc.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

import io.quickrpc.CallInterceptor;
import io.quickrpc.IncomingHandler;
import io.quickrpc.RemoteException;
import io.quickrpc.RpcEndpoint;
import io.quickrpc.security.HmacKeys;
import io.quickrpc.security.HmacSecurity;
import io.quickrpc.security.SecurityInfo;
import io.quickrpc.spring.apis.GreetingApi;

/**
 * Tests for {@link QuickRpcSecurityAutoConfiguration}: handlers run with an authentication made
 * from the hmac user, {@code @PreAuthorize} on them permits and denies, a denial is error -32001,
 * and the converter can be replaced.
 */
@ExtendWith(OutputCaptureExtension.class)
class QuickRpcSecurityTests {

	private static final byte[] SERVER_KEY = "the server's key of 32 bytes....".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] ALICE_KEY = "alice's 32-byte key, kept secret".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] BOB_KEY = "bob's key, also 32 bytes long...".getBytes(StandardCharsets.US_ASCII);

	private final ApplicationContextRunner withoutHandler = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(QuickRpcAutoConfiguration.class, QuickRpcSecurityAutoConfiguration.class))
		.withUserConfiguration(QuickRpcAutoConfigurationTests.Apis.class)
		.withPropertyValues("quickrpc.apis.greeting.transport=tcpserv:127.0.0.1:0",
				"quickrpc.apis.counterApi.transport=internal:" + UUID.randomUUID(),
				"quickrpc.apis.greeting.security=hmac", "quickrpc.apis.greeting.hmac.user=server",
				"quickrpc.apis.greeting.hmac.keys.server=" + base64(SERVER_KEY),
				"quickrpc.apis.greeting.hmac.keys.alice=" + base64(ALICE_KEY),
				"quickrpc.apis.greeting.hmac.keys.bob=" + base64(BOB_KEY));

	private final ApplicationContextRunner runner = this.withoutHandler.withUserConfiguration(SecuredGreeter.class);

	@Test
	void theHandlerRunsAsTheHmacUserAndPreAuthorizePermitsIt() {
		this.runner.run((context) -> assertThat(greetAs(context, "alice", ALICE_KEY)).isEqualTo("hello ann, alice"));
	}

	@Test
	void aCallerPreAuthorizeDeniesGetsErrorMinus32001SayingWhoWasDeniedWithoutAStackTraceInTheLog(CapturedOutput output) {
		this.runner.run((context) -> assertThatExceptionOfType(RemoteException.class)
			.isThrownBy(() -> greetAs(context, "bob", BOB_KEY))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(RemoteException.SECURITY_REJECTED))
			.satisfies((ex) -> assertThat(ex.remoteMessage()).isEqualTo("Access to greet of API 'greeting' denied for "
					+ "'bob' (Access Denied); call it as a user the handler permits")));
		assertThat(output).doesNotContain("AccessDeniedException");
	}

	@Test
	void aCallerWithoutSecurityInformationIsAnonymous() {
		this.runner.withPropertyValues("quickrpc.apis.greeting.security=null").run((context) -> {
			try (RpcEndpoint<GreetingApi> client = client(context).build().start()) {
				assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> client.api().greet("ann"))
					.satisfies((ex) -> assertThat(ex.remoteMessage()).isEqualTo("Access to greet of API 'greeting' "
							+ "denied for an anonymous caller (Access Denied); call it as a user the handler permits"));
			}
		});
	}

	@Test
	void anAuthenticationConverterBeanReplacesTheDefault() {
		this.runner
			.withBean(QuickRpcAuthenticationConverter.class, () -> (call) -> UsernamePasswordAuthenticationToken
				.authenticated("alice", null, AuthorityUtils.createAuthorityList("ROLE_FRIEND")))
			.run((context) -> assertThat(greetAs(context, "bob", BOB_KEY)).isEqualTo("hello ann, alice"));
	}

	@Test
	void theSecurityContextHoldsTheAuthenticationOnlyWhileTheHandlersRun() throws Exception {
		List<@Nullable Authentication> seen = new ArrayList<>();
		SecurityContextCallInterceptor interceptor = new SecurityContextCallInterceptor(
				new SecurityInfoAuthenticationConverter());
		Object result = interceptor.interceptIncoming(new GreetCall(SecurityInfo.of(Map.of("user", "carol")), () -> {
			seen.add(SecurityContextHolder.getContext().getAuthentication());
			return "done";
		}));
		assertThat(result).isEqualTo("done");
		assertThat(seen).singleElement().satisfies((authentication) -> {
			assertThat(authentication.getName()).isEqualTo("carol");
			assertThat(authentication.isAuthenticated()).isTrue();
			assertThat(authentication.getDetails()).isEqualTo(SecurityInfo.of(Map.of("user", "carol")));
		});
		assertThat(SecurityContextHolder.getContext().getAuthentication()).as("after the handlers").isNull();
	}

	@Test
	void theTlsPeersSubjectNamesTheCallerWhenNoUserDoes() {
		Authentication authentication = new SecurityInfoAuthenticationConverter()
			.convert(new GreetCall(SecurityInfo.of(Map.of(SecurityInfo.TLS_PEER, "CN=alice")), () -> null));
		assertThat(authentication.getName()).isEqualTo("CN=alice");
		assertThat(authentication.isAuthenticated()).isTrue();
	}

	@Test
	void withoutSpringSecurityHandlersRunWithoutIt() {
		this.withoutHandler.withClassLoader(new FilteredClassLoader(SecurityContextHolder.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(QuickRpcAuthenticationConverter.class)
				.doesNotHaveBean("quickRpcSecurityContextCustomizer"));
	}

	private static String greetAs(ApplicationContext context, String user, byte[] key) {
		try (RpcEndpoint<GreetingApi> client = client(context)
			.security(HmacSecurity.builder().user(user).keys(HmacKeys.of(Map.of(user, key, "server", SERVER_KEY))).build())
			.build()
			.start()) {
			return client.api().greet("ann");
		}
	}

	private static RpcEndpoint.Builder<GreetingApi> client(ApplicationContext context) {
		int port = ((RpcEndpoint<?>) context
			.getBeanProvider(ResolvableType.forClassWithGenerics(RpcEndpoint.class, GreetingApi.class))
			.getObject()).transport().localAddress().getPort();
		return RpcEndpoint.builder(GreetingApi.class).inverted(true).transport("tcp:127.0.0.1:" + port);
	}

	private static String base64(byte[] key) {
		return Base64.getEncoder().encodeToString(key);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableMethodSecurity
	static class SecuredGreeter {

		@Bean
		Greeter greeter() {
			return new Greeter();
		}

	}

	static class Greeter {

		@IncomingHandler
		@PreAuthorize("authentication.name == 'alice'")
		public String greet(String name) {
			return "hello " + name + ", " + SecurityContextHolder.getContext().getAuthentication().getName();
		}

	}

	/** An incoming call as an interceptor sees it, whose handlers are the given code. */
	private record GreetCall(SecurityInfo securityInfo, Handlers handlers) implements CallInterceptor.Invocation {

		@Override
		public String endpoint() {
			return "greeting";
		}

		@Override
		public String method() {
			return "greet";
		}

		@Override
		public boolean isIncoming() {
			return true;
		}

		@Override
		public boolean isRequest() {
			return true;
		}

		@Override
		public String peer() {
			return "127.0.0.1:40000";
		}

		@Override
		public Map<String, String> headers() {
			return Map.of();
		}

		@Override
		public @Nullable Object proceed() throws Exception {
			return this.handlers.run();
		}

		@Override
		public void whenEnded(CallInterceptor.EndListener listener) {
		}

	}

	@FunctionalInterface
	private interface Handlers {

		@Nullable Object run() throws Exception;

	}

}
