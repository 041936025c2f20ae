package io.quickrpc.spring;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.ConfigurableEnvironment;

import io.quickrpc.RpcEndpoint;

/**
 * Auto-configuration for quickrpc: an endpoint and a proxy bean for every
 * {@link io.quickrpc.RemoteApi} in the application's packages, configured by
 * {@link QuickRpcProperties}, with {@link io.quickrpc.IncomingHandler} bean methods connected
 * and the transports started with the context.
 */
@AutoConfiguration
@EnableConfigurationProperties(QuickRpcProperties.class)
@Import(RemoteApiRegistrar.class)
@ImportRuntimeHints(QuickRpcRuntimeHints.class)
public final class QuickRpcAutoConfiguration {

	@Bean
	static IncomingHandlerRegistrar quickRpcIncomingHandlerRegistrar(ConfigurableListableBeanFactory beanFactory) {
		return new IncomingHandlerRegistrar(beanFactory);
	}

	@Bean
	static ExceptionAdvice quickRpcExceptionAdvice(ConfigurableListableBeanFactory beanFactory) {
		return new ExceptionAdvice(beanFactory);
	}

	@Bean
	static RpcErrorsCustomizer quickRpcErrorsCustomizer(ConfigurableListableBeanFactory beanFactory,
			ExceptionAdvice exceptionAdvice) {
		return new RpcErrorsCustomizer(beanFactory, exceptionAdvice);
	}

	@Bean
	static ProxyBeanCreations quickRpcProxyBeanCreations() {
		return new ProxyBeanCreations();
	}

	@Bean
	QuickRpcLifecycle quickRpcLifecycle(ObjectProvider<RpcEndpoint<?>> endpoints, ConfigurableEnvironment environment,
			QuickRpcProperties properties, ConfigurableListableBeanFactory beanFactory,
			ProxyBeanCreations proxyBeanCreations) {
		return new QuickRpcLifecycle(endpoints, environment, properties, beanFactory, proxyBeanCreations);
	}

}
