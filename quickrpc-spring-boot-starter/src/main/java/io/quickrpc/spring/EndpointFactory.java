package io.quickrpc.spring;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

import io.quickrpc.RpcEndpoint;
import io.quickrpc.codec.Codec;
import io.quickrpc.convert.Converter;
import io.quickrpc.security.HmacKeys;
import io.quickrpc.security.Security;
import io.quickrpc.transport.Transport;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates the endpoint of one API from its properties and the beans that may replace them.
 */
final class EndpointFactory {

	/** The virtual-thread executor, created on first use, on JVMs that have one. */
	private static final class VirtualThreads {

		static final Executor EXECUTOR = create();

		private static Executor create() {
			try {
				return (Executor) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("This JVM announces virtual threads but cannot create them", ex);
			}
		}

	}

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
		if (HmacSettings.SHORTHAND.equals(api.getSecurity())) {
			HmacKeys keys = beanFactory.getBeanProvider(HmacKeys.class).getIfUnique();
			builder.security(HmacSettings.of(name, api.getHmac(), keys));
		}
		else {
			map.from(api.getSecurity()).to(builder::security);
		}
		map.from(api.getTransport()).to(builder::transport);
		map.from(api.isInvert()).to(builder::inverted);
		map.from(api.getReplyTimeout()).to(builder::replyTimeout);
		map.from(api.getMaxPendingReplies()).to(builder::maxPendingReplies);
		map.from(api.getHandlerConcurrency()).to(builder::handlerConcurrency);
		map.from(api.getShutdownGrace()).to(builder::shutdownGrace);
		map.from(api.getMaxQueuedCalls()).to(builder::maxQueuedCalls);
		map.from(api.getMaxQueuedCallsPerPeer()).to(builder::maxQueuedCallsPerPeer);
		map.from(api.getMaxQueuedCallBytesPerPeer()).as(DataSize::toBytes).to(builder::maxQueuedCallBytesPerPeer);
		map.from(api.isSendStackTraces()).to(builder::sendStackTraces);
		builder.networkOptions(NetworkSettings.of(name, api, beanFactory.getBeanProvider(SslBundles.class)));
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
		beanFactory.getBeanProvider(Converter.Factory.class).orderedStream().forEach(builder::converterFactory);
		Executor virtualThreads = virtualThreads(beanFactory.getBean(Environment.class));
		if (virtualThreads != null) {
			builder.handlerExecutor(virtualThreads);
		}
		beanFactory.getBeanProvider(RpcEndpointBuilderCustomizer.class)
			.orderedStream()
			.forEach((customizer) -> customizer.customize(name, builder));
		return builder.build();
	}

	/**
	 * Returns an executor that starts a virtual thread per task when
	 * {@code spring.threads.virtual.enabled} is set and the JVM has virtual threads (Java 21+).
	 */
	private static @Nullable Executor virtualThreads(Environment environment) {
		if (!environment.getProperty("spring.threads.virtual.enabled", Boolean.class, false)
				|| Runtime.version().feature() < 21) {
			return null;
		}
		return VirtualThreads.EXECUTOR;
	}

	private static QuickRpcProperties properties(ConfigurableListableBeanFactory beanFactory) {
		QuickRpcProperties properties = beanFactory.getBeanProvider(QuickRpcProperties.class).getIfAvailable();
		if (properties != null) {
			return properties;
		}
		Environment environment = beanFactory.getBean(Environment.class);
		return Binder.get(environment).bindOrCreate("quickrpc", QuickRpcProperties.class);
	}

	private static <C> @Nullable C qualified(ConfigurableListableBeanFactory beanFactory, Class<C> type, String name) {
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
