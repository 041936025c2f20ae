package io.quickrpc.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;

import io.quickrpc.IncomingHandler;
import io.quickrpc.RemoteException;
import io.quickrpc.RpcEndpoint;
import io.quickrpc.security.HmacKeys;
import io.quickrpc.security.HmacSecurity;
import io.quickrpc.security.SecurityInfo;
import io.quickrpc.spring.apis.GreetingApi;
import io.quickrpc.transport.network.NetworkOptions;
import io.quickrpc.transport.network.TlsOptions;

/**
 * TLS from an SSL bundle, hmac keys and network limits, configured by properties.
 */
class QuickRpcNetworkSecurityTests {

	private static final byte[] ALICE_KEY = "alice's 32-byte key, kept secret".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] SERVER_KEY = "the server's key of 32 bytes....".getBytes(StandardCharsets.US_ASCII);

	private static final byte[] WRONG_KEY = "a key that is not alice's at all".getBytes(StandardCharsets.US_ASCII);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, QuickRpcAutoConfiguration.class))
		.withUserConfiguration(QuickRpcAutoConfigurationTests.Apis.class, Greeter.class)
		.withPropertyValues("quickrpc.apis.greeting.transport=tcpserv:127.0.0.1:0",
				"quickrpc.apis.counterApi.transport=internal:" + UUID.randomUUID());

	@Test
	void sslBundleSecuresTheServerAndHandlersSeeTheClientCertificate() {
		this.runner
			.withPropertyValues("spring.ssl.bundle.pem.server.keystore.certificate=classpath:tls/server.pem",
					"spring.ssl.bundle.pem.server.keystore.private-key=classpath:tls/server.key",
					"spring.ssl.bundle.pem.server.truststore.certificate=classpath:tls/ca.pem",
					"quickrpc.apis.greeting.ssl.bundle=server",
					"quickrpc.apis.greeting.ssl.client-authentication=required")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				TlsOptions tls = TlsOptions.builder()
					.certificate(file("client.pem"), file("client.key"))
					.trustCertificates(file("ca.pem"))
					.build();
				try (RpcEndpoint<GreetingApi> client = RpcEndpoint.builder(GreetingApi.class)
					.inverted(true)
					.transport("tcp:127.0.0.1:" + port(context))
					.networkOptions(NetworkOptions.builder().tls(tls).build())
					.build()
					.start()) {
					assertThat(client.api().greet("over TLS")).isEqualTo("over TLS, from CN=alice");
				}
			});
	}

	@Test
	void unknownSslBundleFailsTheStartupNamingIt() {
		this.runner.withPropertyValues("quickrpc.apis.greeting.ssl.bundle=missing")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("quickrpc.apis.greeting.ssl.bundle names SSL bundle 'missing', which does "
						+ "not exist; define it under spring.ssl.bundle.pem.missing or spring.ssl.bundle.jks.missing"));
	}

	@Test
	void networkLimitsComeFromProperties() {
		this.runner.withPropertyValues("quickrpc.apis.greeting.network.max-connections=1").run((context) -> {
			try (Socket first = new Socket("127.0.0.1", port(context))) {
				await().until(() -> endpoint(context).peers().size() == 1);
				try (Socket second = new Socket("127.0.0.1", port(context))) {
					second.setSoTimeout(5000);
					assertThat(second.getInputStream().read()).as("the connection beyond the maximum is closed")
						.isEqualTo(-1);
				}
				assertThat(endpoint(context).peers()).hasSize(1);
			}
		});
	}

	@Test
	void hmacKeysFromPropertiesSignAndCheckEveryMessage() {
		this.runner
			.withPropertyValues("quickrpc.apis.greeting.security=hmac", "quickrpc.apis.greeting.hmac.user=server",
					"quickrpc.apis.greeting.hmac.keys.server=" + base64(SERVER_KEY),
					"quickrpc.apis.greeting.hmac.keys.alice=" + base64(ALICE_KEY))
			.run((context) -> {
				assertThat(endpoint(context).security()).hasToString("hmac:server");
				assertThat(greetAs(context, ALICE_KEY)).isEqualTo("signed, from alice");
				assertThatExceptionOfType(RemoteException.class).isThrownBy(() -> greetAs(context, WRONG_KEY))
					.satisfies((ex) -> assertThat(ex.code()).isEqualTo(RemoteException.SECURITY_REJECTED));
				assertThat(endpoint(context).statistics().securityRejected()).isEqualTo(1);
			});
	}

	@Test
	void hmacKeysBeanReplacesTheProperties() {
		this.runner.withBean(HmacKeys.class, () -> HmacKeys.of(Map.of("server", SERVER_KEY, "alice", ALICE_KEY)))
			.withPropertyValues("quickrpc.apis.greeting.security=hmac", "quickrpc.apis.greeting.hmac.user=server")
			.run((context) -> assertThat(greetAs(context, ALICE_KEY)).isEqualTo("signed, from alice"));
	}

	@Test
	void hmacWithoutKeysFailsTheStartupSayingWhatToSet() {
		this.runner
			.withPropertyValues("quickrpc.apis.greeting.security=hmac", "quickrpc.apis.greeting.hmac.user=server")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.hasStackTraceContaining("quickrpc.apis.greeting.security is 'hmac' but no keys are configured; set "
						+ "quickrpc.apis.greeting.hmac.keys.USER to each user's base64 key, or define an HmacKeys bean"));
	}

	private static String greetAs(ApplicationContext context, byte[] aliceKey) {
		try (RpcEndpoint<GreetingApi> client = RpcEndpoint.builder(GreetingApi.class)
			.inverted(true)
			.transport("tcp:127.0.0.1:" + port(context))
			.security(HmacSecurity.builder()
				.user("alice")
				.keys(HmacKeys.of(Map.of("alice", aliceKey, "server", SERVER_KEY)))
				.build())
			.build()
			.start()) {
			return client.api().greet("signed");
		}
	}

	private static String base64(byte[] key) {
		return Base64.getEncoder().encodeToString(key);
	}

	private static int port(ApplicationContext context) {
		return endpoint(context).transport().localAddress().getPort();
	}

	private static RpcEndpoint<?> endpoint(ApplicationContext context) {
		return (RpcEndpoint<?>) context
			.getBeanProvider(ResolvableType.forClassWithGenerics(RpcEndpoint.class, GreetingApi.class))
			.getObject();
	}

	private static Path file(String name) throws URISyntaxException {
		return Path.of(QuickRpcNetworkSecurityTests.class.getResource("/tls/" + name).toURI());
	}

	@Configuration(proxyBeanMethods = false)
	static class Greeter {

		@Bean
		Object greeter() {
			return new Object() {

				@IncomingHandler
				String greet(String name, SecurityInfo info) {
					return name + ", from " + ((info.user() != null) ? info.user() : info.get(SecurityInfo.TLS_PEER));
				}

			};
		}

	}

}
