package io.quickrpc.spring;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.config.BeanPostProcessor;

/**
 * Records which API proxy beans the bean factory created from their definitions. A test's
 * {@code @MockitoBean} registers its mock in place of the proxy, which is then never created; a
 * {@code @MockitoSpyBean} wraps the proxy once it was created, and calls it.
 */
final class ProxyBeanCreations implements BeanPostProcessor {

	private final Set<String> created = ConcurrentHashMap.newKeySet();

	@Override
	public Object postProcessBeforeInitialization(Object bean, String beanName) {
		if (beanName.startsWith(RemoteApiRegistrar.proxyBeanName(""))) {
			this.created.add(beanName);
		}
		return bean;
	}

	/** Returns whether the proxy bean of an API was created from its definition. */
	boolean wasCreated(String name) {
		return this.created.contains(RemoteApiRegistrar.proxyBeanName(name));
	}

}
