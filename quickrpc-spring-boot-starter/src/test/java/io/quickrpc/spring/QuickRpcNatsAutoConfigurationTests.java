package io.quickrpc.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.context.properties.ConfigurationPropertiesReportEndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.nats.client.Connection;
import io.nats.client.Options;
import io.quickrpc.transport.nats.NatsOptions;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code quickrpc.nats.*} becomes the {@link NatsOptions} that every endpoint's transport registry
 * gets; an application's jnats {@link Connection} or {@link Options} bean is used when present.
 */
class QuickRpcNatsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(QuickRpcNatsAutoConfiguration.class));

	@Test
	void propertiesMapOntoTheNatsOptions() {
		this.runner.withPropertyValues("quickrpc.nats.servers=nats://10.0.0.1:4222,nats://10.0.0.2:4222",
				"quickrpc.nats.user=alice", "quickrpc.nats.password=s3cret", "quickrpc.nats.connection-name=orders-7",
				"quickrpc.nats.connect-timeout=5s", "quickrpc.nats.max-reconnects=7", "quickrpc.nats.reconnect-wait=3s",
				"quickrpc.nats.presence.interval=2s", "quickrpc.nats.presence.timeout=9s",
				"quickrpc.nats.discovery-wait=50ms", "quickrpc.nats.service-version=1.4.0")
			.run((context) -> {
				NatsOptions options = context.getBean(NatsOptions.class);
				assertThat(options.servers()).containsExactly("nats://10.0.0.1:4222", "nats://10.0.0.2:4222");
				assertThat(options.connectionName()).isEqualTo("orders-7");
				assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
				assertThat(options.maxReconnects()).isEqualTo(7);
				assertThat(options.reconnectWait()).isEqualTo(Duration.ofSeconds(3));
				assertThat(options.presenceInterval()).isEqualTo(Duration.ofSeconds(2));
				assertThat(options.presenceTimeout()).isEqualTo(Duration.ofSeconds(9));
				assertThat(options.discoveryWait()).isEqualTo(Duration.ofMillis(50));
				assertThat(options.serviceVersion()).isEqualTo("1.4.0");
				assertThat(options.toString()).contains("user=alice, password=***").doesNotContain("s3cret");
				assertThat(context.getBean(QuickRpcNatsProperties.class).toString()).doesNotContain("s3cret");
			});
	}

	@Test
	void withoutPropertiesTheOptionsAreTheLibrarysDefaults() {
		this.runner.run((context) -> assertThat(context.getBean(NatsOptions.class))
			.hasToString(NatsOptions.defaults().toString()));
	}

	@Test
	void aTokenAnNkeySeedAndACredentialsFileAreHandedOn() {
		this.runner.withPropertyValues("quickrpc.nats.token=t0ken-secret")
			.run((context) -> assertThat(context.getBean(NatsOptions.class).toString()).contains("token=***")
				.doesNotContain("t0ken-secret"));
		this.runner.withPropertyValues("quickrpc.nats.nkey-seed=SUAseed-secret")
			.run((context) -> assertThat(context.getBean(NatsOptions.class).toString()).contains("nkeySeed=***")
				.doesNotContain("seed-secret"));
		this.runner.withPropertyValues("quickrpc.nats.credentials=/etc/app/user.creds")
			.run((context) -> assertThat(context.getBean(NatsOptions.class).toString())
				.contains("credentials=" + Path.of("/etc/app/user.creds")));
	}

	@Test
	void twoWaysToAuthenticateFailTheStartupNamingTheProperties() {
		this.runner.withPropertyValues("quickrpc.nats.token=t", "quickrpc.nats.user=alice", "quickrpc.nats.password=p")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("2 ways to authenticate"));
	}

	@Test
	void aMissingSslBundleFailsTheStartupNamingIt() {
		this.runner.withPropertyValues("quickrpc.nats.ssl.bundle=nats-tls")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("quickrpc.nats.ssl.bundle is 'nats-tls', but there are no SSL bundles"));
	}

	@Test
	void anOptionsBeanOfTheApplicationIsWhereConnectionsStart() {
		this.runner.withUserConfiguration(OwnOptions.class)
			.withPropertyValues("quickrpc.nats.user=alice", "quickrpc.nats.password=p")
			.run((context) -> {
				NatsOptions options = context.getBean(NatsOptions.class);
				assertThat(options.natsOptions()).isSameAs(context.getBean(Options.class));
				assertThat(options.connection()).isNull();
				assertThat(options.toString()).contains("natsOptions=given", "user=alice");
			});
	}

	@Test
	void aConnectionBeanOfTheApplicationWinsOverItsOptionsBean() {
		this.runner.withUserConfiguration(OwnOptions.class, OwnConnection.class)
			.withPropertyValues("quickrpc.nats.presence.interval=2s", "quickrpc.nats.presence.timeout=5s")
			.run((context) -> {
				NatsOptions options = context.getBean(NatsOptions.class);
				assertThat(options.connection()).isSameAs(context.getBean(Connection.class));
				assertThat(options.natsOptions()).isNull();
				assertThat(options.presenceTimeout()).isEqualTo(Duration.ofSeconds(5));
			});
	}

	@Test
	void credentialsNextToAConnectionBeanFailTheStartup() {
		this.runner.withUserConfiguration(OwnConnection.class)
			.withPropertyValues("quickrpc.nats.token=t")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("remove token"));
		this.runner.withUserConfiguration(OwnConnection.class)
			.withPropertyValues("quickrpc.nats.token=t")
			.run((context) -> assertThat(context.getStartupFailure())
				.hasStackTraceContaining("quickrpc.nats.* cannot be applied"));
	}

	@Test
	void anNatsOptionsBeanOfTheApplicationReplacesTheProperties() {
		NatsOptions own = NatsOptions.builder().connectionName("own").build();
		this.runner.withBean(NatsOptions.class, () -> own)
			.withPropertyValues("quickrpc.nats.connection-name=ignored")
			.run((context) -> assertThat(context.getBean(NatsOptions.class)).isSameAs(own));
	}

	@Test
	void withoutQuickRpcNatsThereAreNoNatsSettings() {
		this.runner.withClassLoader(new FilteredClassLoader(NatsOptions.class))
			.run((context) -> assertThat(context).doesNotHaveBean(QuickRpcNatsProperties.class)
				.doesNotHaveBean("quickRpcNatsOptions"));
	}

	@Test
	void noSecretIsInTheConfigurationPropertiesEndpoint() {
		this.runner
			.withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class,
					ConfigurationPropertiesReportEndpointAutoConfiguration.class, QuickRpcEndpointAutoConfiguration.class))
			.withPropertyValues("quickrpc.nats.password=s3cret", "quickrpc.nats.user=alice",
					"management.endpoint.configprops.show-values=always",
					"management.endpoints.web.exposure.include=configprops")
			.run((context) -> {
				Object report = context.getBean(ConfigurationPropertiesReportEndpoint.class).configurationProperties();
				String json = JsonMapper.shared().writeValueAsString(report);
				assertThat(json).contains("quickrpc.nats").contains("alice").doesNotContain("s3cret");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnOptions {

		@Bean
		Options natsOptions() {
			return new Options.Builder().server("nats://10.0.0.9:4222").connectionName("own").build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnConnection {

		@Bean
		Connection natsConnection() {
			Options options = new Options.Builder().connectionName("own-connection").build();
			return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
					(proxy, method, args) -> switch (method.getName()) {
						case "getOptions" -> options;
						case "toString" -> "own connection";
						case "hashCode" -> System.identityHashCode(proxy);
						case "equals" -> proxy == args[0];
						default -> null;
					});
		}

	}

}
