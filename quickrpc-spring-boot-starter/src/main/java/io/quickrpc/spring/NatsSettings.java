package io.quickrpc.spring;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.util.ClassUtils;

import io.quickrpc.spi.Registry;
import io.quickrpc.transport.Transport;
import io.quickrpc.transport.nats.NatsOptions;

/**
 * Hands the {@link NatsOptions} bean to an endpoint's transport registry. Loaded only when
 * {@code quickrpc-nats} is on the class path.
 */
final class NatsSettings {

	private static final boolean PRESENT = ClassUtils.isPresent("io.quickrpc.transport.nats.NatsOptions",
			NatsSettings.class.getClassLoader());

	private NatsSettings() {
	}

	/** Returns the registry with the application's NATS settings, if quickrpc-nats is there. */
	static Registry<Transport> apply(Registry<Transport> registry, BeanFactory beanFactory) {
		return PRESENT ? Present.apply(registry, beanFactory) : registry;
	}

	private static final class Present {

		static Registry<Transport> apply(Registry<Transport> registry, BeanFactory beanFactory) {
			NatsOptions options = beanFactory.getBeanProvider(NatsOptions.class).getIfAvailable();
			return (options != null) ? registry.with(NatsOptions.class, options) : registry;
		}

	}

}
