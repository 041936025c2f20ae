package io.quickrpc.spring;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Observation of calls: when the application has an {@link ObservationRegistry} (Spring Boot's
 * actuator makes one), every call of every endpoint is an observation, which Spring Boot turns
 * into the {@code quickrpc.calls} timer and, with tracing, into spans whose context travels with
 * the calls. A {@link QuickRpcServerObservationConvention} or
 * {@link QuickRpcClientObservationConvention} bean replaces the default names and key values.
 */
@AutoConfiguration(afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean(ObservationRegistry.class)
public final class QuickRpcObservationAutoConfiguration {

	/** The order of the observation's customizer: before others, so that it wraps their interceptors. */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

	@Bean
	@Order(ORDER)
	RpcEndpointBuilderCustomizer quickRpcObservationCustomizer(ObservationRegistry registry,
			ObjectProvider<QuickRpcServerObservationConvention> serverConvention,
			ObjectProvider<QuickRpcClientObservationConvention> clientConvention) {
		ObservationCallInterceptor interceptor = new ObservationCallInterceptor(registry,
				serverConvention.getIfAvailable(), clientConvention.getIfAvailable());
		return (name, builder) -> builder.interceptor(interceptor);
	}

}
