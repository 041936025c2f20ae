package io.quickrpc.spring.test;

import java.util.Arrays;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import io.quickrpc.RpcEndpoint;
import io.quickrpc.convert.Converter;
import io.quickrpc.spring.QuickRpcAutoConfiguration;
import io.quickrpc.spring.RpcEndpointBuilderCustomizer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Imported by {@link AutoConfigureQuickRpcInProcess}: gives the chosen endpoints in-process
 * transports of this application context, after every other customizer, and provides
 * {@link QuickRpcTestClients}.
 */
@AutoConfiguration(before = QuickRpcAutoConfiguration.class)
public final class QuickRpcInProcessAutoConfiguration {

	private static final String APIS = "quickrpc.test.in-process.apis";

	@Bean
	InProcessTransports quickRpcInProcessTransports(Environment environment,
			ObjectProvider<RpcEndpoint<?>> endpoints) {
		String[] apis = Binder.get(environment).bind(APIS, String[].class).orElse(new String[0]);
		return new InProcessTransports(Arrays.stream(apis).map(String::strip).filter((api) -> !api.isEmpty()).toList(),
				endpoints);
	}

	@Bean
	RpcEndpointBuilderCustomizer quickRpcInProcessTransportCustomizer(InProcessTransports transports) {
		return new InProcessTransportCustomizer(transports);
	}

	@Bean
	QuickRpcTestClients quickRpcTestClients(InProcessTransports transports, ObjectProvider<RpcEndpoint<?>> endpoints,
			ObjectProvider<JsonMapper> jsonMapper, ObjectProvider<Converter.Factory> converterFactories) {
		return new QuickRpcTestClients(transports, endpoints, jsonMapper, converterFactories);
	}

	/** Replaces the transport of each switched endpoint, last, so that nothing replaces it again. */
	private static final class InProcessTransportCustomizer implements RpcEndpointBuilderCustomizer, Ordered {

		private final InProcessTransports transports;

		InProcessTransportCustomizer(InProcessTransports transports) {
			this.transports = transports;
		}

		@Override
		public void customize(String name, RpcEndpoint.Builder<?> builder) {
			if (this.transports.switches(name)) {
				builder.transport(this.transports.application(name));
			}
		}

		@Override
		public int getOrder() {
			return Ordered.LOWEST_PRECEDENCE;
		}

	}

}
