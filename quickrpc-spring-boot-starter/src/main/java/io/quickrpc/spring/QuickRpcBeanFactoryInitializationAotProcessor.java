package io.quickrpc.spring;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;

import io.quickrpc.IncomingHandler;
import io.quickrpc.RpcEndpoint;

/**
 * Registers, at build time, the runtime hints a native image needs for what the application
 * declares: for each API of an endpoint bean, a JDK proxy of the interface, its methods for
 * reflection, and its parameter and result types for JSON binding; for each
 * {@link IncomingHandler} and {@link RpcExceptionHandler} bean method, invocation and the binding of
 * its parameters and result; for each exception an API method declares, its constructors.
 */
final class QuickRpcBeanFactoryInitializationAotProcessor implements BeanFactoryInitializationAotProcessor {

	@Override
	public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
			ConfigurableListableBeanFactory beanFactory) {
		Set<Class<?>> apis = new LinkedHashSet<>();
		for (String name : beanFactory.getBeanNamesForType(RpcEndpoint.class, true, false)) {
			BeanDefinition definition = beanFactory.getMergedBeanDefinition(name);
			if (definition instanceof RootBeanDefinition root) {
				Class<?> api = root.getResolvableType().as(RpcEndpoint.class).getGeneric(0).resolve();
				if (api != null && api.isInterface()) {
					apis.add(api);
				}
			}
		}
		List<Method> handlers = new ArrayList<>();
		for (String name : beanFactory.getBeanDefinitionNames()) {
			Class<?> type = beanFactory.getType(name, false);
			if (type != null && !RpcEndpoint.class.isAssignableFrom(type)) {
				handlers.addAll(MethodIntrospector.selectMethods(ClassUtils.getUserClass(type),
						(MethodIntrospector.MetadataLookup<IncomingHandler>) (method) -> AnnotatedElementUtils
							.findMergedAnnotation(method, IncomingHandler.class))
					.keySet());
				handlers.addAll(MethodIntrospector.selectMethods(ClassUtils.getUserClass(type),
						(MethodIntrospector.MetadataLookup<RpcExceptionHandler>) (method) -> AnnotatedElementUtils
							.findMergedAnnotation(method, RpcExceptionHandler.class))
					.keySet());
			}
		}
		if (apis.isEmpty() && handlers.isEmpty()) {
			return null;
		}
		return (generationContext, code) -> registerHints(generationContext.getRuntimeHints(), apis, handlers);
	}

	static void registerHints(RuntimeHints hints, Set<Class<?>> apis, List<Method> handlers) {
		BindingReflectionHintsRegistrar binding = new BindingReflectionHintsRegistrar();
		ReflectionHints reflection = hints.reflection();
		for (Class<?> api : apis) {
			hints.proxies().registerJdkProxy(api);
			reflection.registerType(api, MemberCategory.INVOKE_PUBLIC_METHODS);
			for (Method method : api.getMethods()) {
				if (!Modifier.isStatic(method.getModifiers()) && method.getDeclaringClass() != Object.class) {
					registerBinding(binding, reflection, method);
					for (Class<?> exception : method.getExceptionTypes()) {
						reflection.registerType(exception, MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
					}
				}
			}
		}
		for (Method handler : handlers) {
			reflection.registerMethod(handler, ExecutableMode.INVOKE);
			registerBinding(binding, reflection, handler);
		}
	}

	private static void registerBinding(BindingReflectionHintsRegistrar binding, ReflectionHints reflection,
			Method method) {
		for (Type parameter : method.getGenericParameterTypes()) {
			binding.registerReflectionHints(reflection, parameter);
		}
		Type result = method.getGenericReturnType();
		if (result != void.class) {
			binding.registerReflectionHints(reflection, result);
		}
	}

}
