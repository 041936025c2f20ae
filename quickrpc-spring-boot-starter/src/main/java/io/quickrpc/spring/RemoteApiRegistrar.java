package io.quickrpc.spring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotationAttributes;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

import io.quickrpc.RemoteApi;
import io.quickrpc.RpcEndpoint;

/**
 * Registers, for each {@link RemoteApi} interface found and each extra endpoint configured with
 * {@code quickrpc.apis.NAME.api}, two beans that declare their types: the
 * {@link RpcEndpoint RpcEndpoint&lt;Api&gt;} named {@code quickrpc.NAME.endpoint}, and the API
 * proxy named {@code quickrpc.NAME}, both qualified with the API name. The endpoint comes from
 * the factory method {@link EndpointFactory#create} with the API type and name as arguments, the
 * proxy from the endpoint's {@code api()} method: definitions that AOT can write out. The two of
 * the endpoint whose name is the {@code @RemoteApi} name are primary, so that a second endpoint
 * of the interface leaves unqualified injection as it was. The packages
 * searched are recorded in {@link RemoteApiPackages}.
 */
class RemoteApiRegistrar implements ImportBeanDefinitionRegistrar, BeanFactoryAware, EnvironmentAware {

	private ConfigurableListableBeanFactory beanFactory;

	private Environment environment;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
	}

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		ClassLoader classLoader = this.beanFactory.getBeanClassLoader();
		Map<String, Class<?>> apis = new LinkedHashMap<>();
		List<String> packages = packages(metadata);
		RemoteApiPackages.register(registry, packages);
		for (String basePackage : packages) {
			for (BeanDefinition candidate : scanner().findCandidateComponents(basePackage)) {
				Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), classLoader);
				apis.putIfAbsent(RpcEndpoint.apiName(type), type);
			}
		}
		Map<String, QuickRpcProperties.Api> configured = Binder.get(this.environment)
			.bind("quickrpc.apis", Bindable.mapOf(String.class, QuickRpcProperties.Api.class))
			.orElse(Map.of());
		configured.forEach((name, api) -> {
			if (api.getApi() != null) {
				Class<?> type = ClassUtils.resolveClassName(api.getApi(), classLoader);
				if (!type.isInterface() || !type.isAnnotationPresent(RemoteApi.class)) {
					throw new IllegalStateException("quickrpc.apis." + name + ".api names " + api.getApi()
							+ ", which is not an interface annotated @RemoteApi; name one");
				}
				apis.put(name, type);
			}
		});
		apis.forEach((name, type) -> register(registry, name, type));
	}

	private List<String> packages(AnnotationMetadata metadata) {
		AnnotationAttributes enable = AnnotationAttributes
			.fromMap(metadata.getAnnotationAttributes(EnableQuickRpc.class.getName()));
		if (enable == null) {
			return AutoConfigurationPackages.has(this.beanFactory) ? AutoConfigurationPackages.get(this.beanFactory)
					: List.of();
		}
		List<String> packages = new ArrayList<>(Arrays.asList(enable.getStringArray("basePackages")));
		for (Class<?> type : enable.getClassArray("basePackageClasses")) {
			packages.add(type.getPackageName());
		}
		if (packages.isEmpty()) {
			packages.add(ClassUtils.getPackageName(metadata.getClassName()));
		}
		return packages;
	}

	private ClassPathScanningCandidateComponentProvider scanner() {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false,
				this.environment) {

			@Override
			protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
				return definition.getMetadata().isInterface() && definition.getMetadata().isIndependent();
			}

		};
		scanner.addIncludeFilter(new AnnotationTypeFilter(RemoteApi.class));
		return scanner;
	}

	private void register(BeanDefinitionRegistry registry, String name, Class<?> type) {
		String endpointBean = endpointBeanName(name);
		if (registry.containsBeanDefinition(endpointBean)) {
			return;
		}
		RootBeanDefinition endpoint = new RootBeanDefinition(EndpointFactory.class);
		endpoint.setFactoryMethodName("create");
		endpoint.setAutowireMode(AbstractBeanDefinition.AUTOWIRE_CONSTRUCTOR);
		endpoint.getConstructorArgumentValues().addIndexedArgumentValue(0, type);
		endpoint.getConstructorArgumentValues().addIndexedArgumentValue(1, name);
		endpoint.setTargetType(ResolvableType.forClassWithGenerics(RpcEndpoint.class, type));
		endpoint.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
		boolean primary = name.equals(RpcEndpoint.apiName(type));
		endpoint.setPrimary(primary);
		registry.registerBeanDefinition(endpointBean, endpoint);
		RootBeanDefinition proxy = new RootBeanDefinition();
		proxy.setFactoryBeanName(endpointBean);
		proxy.setFactoryMethodName("api");
		proxy.setTargetType(type);
		proxy.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
		proxy.setPrimary(primary);
		registry.registerBeanDefinition(proxyBeanName(name), proxy);
	}

	static String endpointBeanName(String name) {
		return "quickrpc." + name + ".endpoint";
	}

	static String proxyBeanName(String name) {
		return "quickrpc." + name;
	}

}
