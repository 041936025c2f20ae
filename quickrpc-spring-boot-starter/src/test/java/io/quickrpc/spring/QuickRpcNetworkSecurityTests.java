package io.quickrpc.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.file.Path;
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
import io.quickrpc.RpcEndpoint;
import io.quickrpc.security.SecurityInfo;
import io.quickrpc.spring.apis.GreetingApi;
import io.quickrpc.transport.NetworkOptions;
import io.quickrpc.transport.TlsOptions;

/**
 * TLS from an SSL bundle and network limits, configured by properties.
 */
class QuickRpcNetworkSecurityTests {

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
					return name + ", from " + info.get(SecurityInfo.TLS_PEER);
				}

			};
		}

	}

}
