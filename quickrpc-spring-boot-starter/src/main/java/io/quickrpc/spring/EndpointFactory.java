package io.quickrpc.spring;

import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

import io.quickrpc.RpcEndpoint;
import io.quickrpc.codec.Codec;
import io.quickrpc.security.Security;
import io.quickrpc.transport.Transport;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates the endpoint of one API from its properties and the beans that may replace them.
 */
final class EndpointFactory {

	private EndpointFactory() {
	}

	static <T> RpcEndpoint<T> create(Class<T> type, String name, ConfigurableListableBeanFactory beanFactory) {
		QuickRpcProperties.Api api = properties(beanFactory).getApis().get(name);
		if (api == null) {
			api = new QuickRpcProperties.Api();
		}
		RpcEndpoint.Builder<T> builder = RpcEndpoint.builder(type).name(name);
		PropertyMapper map = PropertyMapper.get();
		map.from(api.getCodec()).to(builder::codec);
		map.from(api.getSecurity()).to(builder::security);
		map.from(api.getTransport()).to(builder::transport);
		map.from(api.isInvert()).to(builder::inverted);
		map.from(api.getReplyTimeout()).to(builder::replyTimeout);
		map.from(api.getMaxPendingReplies()).to(builder::maxPendingReplies);
		map.from(api.getHandlerConcurrency()).to(builder::handlerConcurrency);
		map.from(api.getShutdownGrace()).to(builder::shutdownGrace);
		Codec codec = qualified(beanFactory, Codec.class, name);
		Transport transport = qualified(beanFactory, Transport.class, name);
		Security security = qualified(beanFactory, Security.class, name);
		map.from(codec).to(builder::codec);
		map.from(security).to(builder::security);
		map.from(transport).to(builder::transport);
		if (transport == null && api.getTransport() == null) {
			throw new MissingTransportException(name, type.getName());
		}
		beanFactory.getBeanProvider(JsonMapper.class).ifAvailable(builder::jsonMapper);
		beanFactory.getBeanProvider(RpcEndpointBuilderCustomizer.class)
			.orderedStream()
			.forEach((customizer) -> customizer.customize(name, builder));
		return builder.build();
	}

	private static QuickRpcProperties properties(ConfigurableListableBeanFactory beanFactory) {
		QuickRpcProperties properties = beanFactory.getBeanProvider(QuickRpcProperties.class).getIfAvailable();
		if (properties != null) {
			return properties;
		}
		Environment environment = beanFactory.getBean(Environment.class);
		return Binder.get(environment).bindOrCreate("quickrpc", QuickRpcProperties.class);
	}

	private static <C> C qualified(ConfigurableListableBeanFactory beanFactory, Class<C> type, String name) {
		if (BeanFactoryUtils.beanNamesForTypeIncludingAncestors(beanFactory, type).length == 0) {
			return null;
		}
		try {
			return BeanFactoryAnnotationUtils.qualifiedBeanOfType(beanFactory, type, name);
		}
		catch (NoSuchBeanDefinitionException ex) {
			return null;
		}
	}

}
