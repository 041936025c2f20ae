package io.quickrpc.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.contributor.HealthContributorAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quickrpc.CallObserver;
import io.quickrpc.RpcEndpoint;
import io.quickrpc.spi.Registry;
import io.quickrpc.spring.apis.GreetingApi;
import io.quickrpc.transport.Transport;

/**
 * What actuator shows: the health contributor's name and the bound addresses, and call metrics
 * whose meters a peer cannot multiply.
 */
class QuickRpcActuatorTests {

	private final String bus = "bus-" + UUID.randomUUID();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(QuickRpcAutoConfiguration.class,
				QuickRpcEndpointAutoConfiguration.class, HealthContributorAutoConfiguration.class,
				HealthContributorRegistryAutoConfiguration.class))
		.withUserConfiguration(QuickRpcAutoConfigurationTests.Apis.class)
		.withPropertyValues("quickrpc.apis.greeting.transport=tcpserv:127.0.0.1:0",
				"quickrpc.apis.counterApi.transport=internal:" + this.bus + ":counter",
				"management.endpoints.web.exposure.include=quickrpc");

	@Test
	void theHealthContributorIsNamedAsItsEnabledProperty() {
		this.runner.run((context) -> assertThat(context.getBean(HealthContributorRegistry.class).getContributor("quickrpc"))
			.isInstanceOf(QuickRpcHealthIndicator.class));
		this.runner.withPropertyValues("management.health.quickrpc.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(QuickRpcHealthIndicator.class));
	}

	@Test
	void theEndpointAndHealthShowTheAddressAServerTransportBound() {
		this.runner.run((context) -> {
			int port = QuickRpcServerLifecycleTests.endpoint(context, GreetingApi.class).transport().localAddress()
				.getPort();
			QuickRpcEndpoint.ApiDescriptor greeting = context.getBean(QuickRpcEndpoint.class).api("greeting");
			assertThat(greeting.transport()).isEqualTo("tcpserv:127.0.0.1:0");
			assertThat(greeting.boundAddress()).isEqualTo("127.0.0.1:" + port);
			assertThat(context.getBean(QuickRpcEndpoint.class).api("counterApi").boundAddress()).isNull();
			assertThat(context.getBean(QuickRpcHealthIndicator.class).health().getDetails().get("greeting"))
				.isEqualTo(Map.of("running", true, "transport", "tcpserv:127.0.0.1:0", "boundAddress",
						"127.0.0.1:" + port, "peers", 0));
		});
	}

	@Test
	void methodNamesThatAreNotInTheApiShareOneMeter() {
		this.runner.withPropertyValues("quickrpc.apis.greeting.transport=internal:" + this.bus + ":greeting")
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> {
				Transport peer = Registry.transports().create("internal:" + this.bus + ":peer");
				peer.start((sender, data) -> data.position(data.limit()));
				try {
					await().until(() -> peer.peers().contains("greeting"));
					for (int i = 0; i < 500; i++) {
						String call = "{\"jsonrpc\":\"2.0\",\"method\":\"random" + ThreadLocalRandom.current().nextLong()
								+ "\",\"params\":{},\"id\":" + i + "}\0";
						peer.send(call.getBytes(StandardCharsets.UTF_8), List.of("greeting"));
					}
				}
				finally {
					peer.stop();
				}
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				await().untilAsserted(() -> assertThat(registry.find(QuickRpcCallMetrics.METER)
					.tags("api", "greeting", "method", "UNKNOWN", "direction", "incoming", "outcome", "error")
					.timer()).isNotNull().satisfies((timer) -> assertThat(timer.count()).isEqualTo(500)));
				assertThat(registry.find(QuickRpcCallMetrics.METER).timers()).as("one meter for 500 unknown names")
					.hasSize(1);
			});
	}

	@Test
	void eachTimerIsCreatedOnceAndKept() {
		this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			QuickRpcCallMetrics metrics = context.getBean(QuickRpcCallMetrics.class);
			Timer greet = metrics.timer("greeting", "greet", true, CallObserver.Outcome.SUCCESS);
			assertThat(metrics.timer("greeting", "greet", true, CallObserver.Outcome.SUCCESS)).isSameAs(greet);
			assertThat(metrics.timer("greeting", "greet", true, CallObserver.Outcome.ERROR)).isNotSameAs(greet);
			assertThat(metrics.timer("greeting", "greet", false, CallObserver.Outcome.SUCCESS).getId().getTag("method"))
				.as("greet is not outgoing here").isEqualTo("UNKNOWN");
			assertThat(metrics.timer("greeting", "greeted", false, CallObserver.Outcome.SUCCESS).getId().getTag("method"))
				.isEqualTo("greeted");
			RpcEndpoint<?> endpoint = QuickRpcServerLifecycleTests.endpoint(context, GreetingApi.class);
			assertThat(endpoint.incomingMethods()).contains("greet");
		});
	}

}
