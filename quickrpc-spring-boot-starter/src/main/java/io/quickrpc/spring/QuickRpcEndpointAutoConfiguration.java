package io.quickrpc.spring;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.quickrpc.RpcEndpoint;

/**
 * Actuator support: the {@code quickrpc} endpoint, the {@code quickrpc} health indicator, and call
 * metrics.
 */
@AutoConfiguration(after = QuickRpcAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
public final class QuickRpcEndpointAutoConfiguration {

	private static final Set<String> SECRETS = Set.of("quickrpc.nats.password", "quickrpc.nats.token",
			"quickrpc.nats.nkey-seed", "quickrpc.nats.nkeyseed");

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	QuickRpcEndpoint quickRpcEndpoint(ObjectProvider<RpcEndpoint<?>> endpoints) {
		return new QuickRpcEndpoint(endpoints.orderedStream().toList());
	}

	/**
	 * Masks the secrets of {@code quickrpc.nats.*} in the {@code configprops} and {@code env}
	 * endpoints, even where they show values.
	 */
	@Bean
	SanitizingFunction quickRpcSecretsSanitizingFunction() {
		return (data) -> SECRETS.contains(data.getLowerCaseKey()) ? data.withSanitizedValue() : data;
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnEnabledHealthIndicator("quickrpc")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "quickrpcHealthIndicator")
		QuickRpcHealthIndicator quickrpcHealthIndicator(ObjectProvider<RpcEndpoint<?>> endpoints) {
			return new QuickRpcHealthIndicator(endpoints.orderedStream().toList());
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MetricsConfiguration {

		/** Times calls where no observation does it: see {@link QuickRpcObservationAutoConfiguration}. */
		@Bean
		@ConditionalOnMissingBean(type = "io.micrometer.observation.ObservationRegistry")
		QuickRpcCallMetrics quickRpcCallMetrics(ObjectProvider<MeterRegistry> registries,
				ObjectProvider<RpcEndpoint<?>> endpoints) {
			return new QuickRpcCallMetrics(registries, endpoints);
		}

		@Bean
		MeterBinder quickRpcFlowMetrics(ObjectProvider<RpcEndpoint<?>> endpoints) {
			return (registry) -> endpoints.orderedStream().forEach((endpoint) -> {
				FunctionCounter.builder("quickrpc.calls.dropped", endpoint, (e) -> e.statistics().droppedCalls())
					.description("received calls dropped for lack of room, over transports that cannot hold a peer back")
					.tag("api", endpoint.name())
					.register(registry);
				FunctionCounter.builder("quickrpc.reads.paused", endpoint, (e) -> e.statistics().readPauses())
					.description("times a peer was held back: not read while its calls waited beyond a bound")
					.tag("api", endpoint.name())
					.register(registry);
			});
		}

	}


}
