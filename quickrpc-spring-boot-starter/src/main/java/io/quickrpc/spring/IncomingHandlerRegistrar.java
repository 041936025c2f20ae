package io.quickrpc.spring;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

import io.quickrpc.IncomingHandler;
import io.quickrpc.RpcEndpoint;

/**
 * Connects every {@link IncomingHandler} bean method to its endpoint, once all singletons
 * exist. A method names its API, or is matched by its incoming method's name; a name that
 * matches no API, or APIs of different interfaces, fails the startup.
 */
final class IncomingHandlerRegistrar implements SmartInitializingSingleton {

	private final ConfigurableListableBeanFactory beanFactory;

	IncomingHandlerRegistrar(ConfigurableListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Map<String, RpcEndpoint<?>> endpoints = new TreeMap<>();
		for (RpcEndpoint<?> endpoint : this.beanFactory.getBeansOfType(RpcEndpoint.class).values()) {
			endpoints.put(endpoint.name(), endpoint);
		}
		for (String beanName : this.beanFactory.getBeanDefinitionNames()) {
			Class<?> type = this.beanFactory.getType(beanName, false);
			if (type == null || RpcEndpoint.class.isAssignableFrom(type)) {
				continue;
			}
			Map<Method, IncomingHandler> handlers = MethodIntrospector.selectMethods(ClassUtils.getUserClass(type),
					(MethodIntrospector.MetadataLookup<IncomingHandler>) (method) -> AnnotatedElementUtils
						.findMergedAnnotation(method, IncomingHandler.class));
			if (handlers.isEmpty()) {
				continue;
			}
			Object bean = this.beanFactory.getBean(beanName);
			handlers.forEach((method, annotation) -> connect(beanName, bean, method, annotation, endpoints));
		}
	}

	private void connect(String beanName, Object bean, Method method, IncomingHandler annotation,
			Map<String, RpcEndpoint<?>> endpoints) {
		String incoming = annotation.method().isEmpty() ? method.getName() : annotation.method();
		String handler = "@IncomingHandler " + ClassUtils.getUserClass(bean).getSimpleName() + "." + method.getName()
				+ " of bean '" + beanName + "'";
		List<RpcEndpoint<?>> targets = new ArrayList<>();
		if (!annotation.api().isEmpty()) {
			RpcEndpoint<?> endpoint = endpoints.get(annotation.api());
			if (endpoint == null) {
				throw new BeanCreationException(beanName, handler + " names API '" + annotation.api()
						+ "', which does not exist; known APIs: " + endpoints.keySet());
			}
			targets.add(endpoint);
		}
		else {
			endpoints.values().stream().filter((endpoint) -> endpoint.incomingMethods().contains(incoming))
				.forEach(targets::add);
			if (targets.isEmpty()) {
				throw new BeanCreationException(beanName, handler + " handles '" + incoming
						+ "', which no API has as an incoming method; incoming methods: " + incomingMethods(endpoints.values()));
			}
			if (targets.stream().map(RpcEndpoint::apiType).distinct().count() > 1) {
				throw new BeanCreationException(beanName, handler + " is ambiguous: APIs "
						+ targets.stream().map(RpcEndpoint::name).collect(Collectors.toList()) + " all have an incoming '"
						+ incoming + "'; set @IncomingHandler(api = \"...\")");
			}
		}
		Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
		for (RpcEndpoint<?> endpoint : targets) {
			try {
				endpoint.connect(incoming, bean, invocable);
			}
			catch (IllegalArgumentException ex) {
				throw new BeanCreationException(beanName, handler + " cannot be connected to API '" + endpoint.name()
						+ "': " + ex.getMessage(), ex);
			}
		}
	}

	private static Map<String, Collection<String>> incomingMethods(Collection<RpcEndpoint<?>> endpoints) {
		Map<String, Collection<String>> methods = new TreeMap<>();
		endpoints.forEach((endpoint) -> methods.put(endpoint.name(), endpoint.incomingMethods()));
		return methods;
	}

}
