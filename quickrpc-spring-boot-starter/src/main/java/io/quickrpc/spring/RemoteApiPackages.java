package io.quickrpc.spring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues.ValueHolder;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;

/**
 * The packages searched for {@link io.quickrpc.RemoteApi} interfaces, kept as a bean definition
 * so that failure analyses can name them.
 */
final class RemoteApiPackages {

	static final String BEAN_NAME = "quickrpc.remoteApiPackages";

	private final List<String> packages;

	RemoteApiPackages(String... packages) {
		this.packages = List.of(packages);
	}

	List<String> packages() {
		return this.packages;
	}

	/** Adds packages to those recorded in the registry. */
	static void register(BeanDefinitionRegistry registry, Collection<String> packages) {
		Set<String> all = new LinkedHashSet<>();
		if (registry.containsBeanDefinition(BEAN_NAME)) {
			all.addAll(Arrays.asList(packages(registry.getBeanDefinition(BEAN_NAME))));
			registry.removeBeanDefinition(BEAN_NAME);
		}
		all.addAll(packages);
		RootBeanDefinition definition = new RootBeanDefinition(RemoteApiPackages.class);
		definition.getConstructorArgumentValues().addIndexedArgumentValue(0, all.toArray(String[]::new));
		definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
		registry.registerBeanDefinition(BEAN_NAME, definition);
	}

	/** Returns the packages recorded in a bean factory, without creating a bean. */
	static List<String> get(BeanFactory beanFactory) {
		if (beanFactory instanceof ConfigurableListableBeanFactory listable && listable.containsBeanDefinition(BEAN_NAME)) {
			return new ArrayList<>(Arrays.asList(packages(listable.getBeanDefinition(BEAN_NAME))));
		}
		return List.of();
	}

	private static String[] packages(BeanDefinition definition) {
		ValueHolder holder = definition.getConstructorArgumentValues().getIndexedArgumentValue(0, String[].class);
		return (holder != null && holder.getValue() instanceof String[] packages) ? packages : new String[0];
	}

}
