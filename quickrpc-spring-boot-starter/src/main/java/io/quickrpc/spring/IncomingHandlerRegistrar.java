package io.quickrpc.spring;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

import io.quickrpc.IncomingHandler;
import io.quickrpc.RpcEndpoint;

/**
 * Checks the configuration against the endpoints, then connects every {@link IncomingHandler}
 * bean method to its endpoint, once all singletons exist. A method names its API, or is matched
 * by its incoming method's name. The startup fails, with a {@link QuickRpcStartupException}, if
 * {@code quickrpc.apis} names an API that does not exist, or a handler matches no API, APIs of
 * different interfaces, or a method whose parameters it does not fit, or if two handlers would
 * both reply to one call.
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
		checkConfiguredApis(endpoints);
		List<Handler> handlers = new ArrayList<>();
		for (String beanName : this.beanFactory.getBeanDefinitionNames()) {
			Class<?> type = this.beanFactory.getType(beanName, false);
			if (type == null || RpcEndpoint.class.isAssignableFrom(type)) {
				continue;
			}
			Map<Method, IncomingHandler> annotated = MethodIntrospector.selectMethods(ClassUtils.getUserClass(type),
					(MethodIntrospector.MetadataLookup<IncomingHandler>) (method) -> AnnotatedElementUtils
						.findMergedAnnotation(method, IncomingHandler.class));
			if (annotated.isEmpty()) {
				continue;
			}
			Object bean = this.beanFactory.getBean(beanName);
			annotated.forEach((method, annotation) -> handlers.add(resolve(beanName, bean, method, annotation, endpoints)));
		}
		checkOneReplyPerCall(handlers);
		handlers.forEach(this::connect);
	}

	private void checkConfiguredApis(Map<String, RpcEndpoint<?>> endpoints) {
		Environment environment = this.beanFactory.getBean(Environment.class);
		Set<String> configured = new TreeSet<>(Binder.get(environment)
			.bind("quickrpc.apis", Bindable.mapOf(String.class, QuickRpcProperties.Api.class))
			.orElse(Map.of())
			.keySet());
		configured.removeAll(endpoints.keySet());
		if (configured.isEmpty()) {
			return;
		}
		String name = configured.iterator().next();
		List<String> packages = RemoteApiPackages.get(this.beanFactory);
		throw new QuickRpcStartupException("quickrpc.apis." + name + " is configured, but there is no remote API named '"
				+ name + "': no @RemoteApi interface of that name is in the packages searched "
				+ (packages.isEmpty() ? "" : packages + " ") + "and quickrpc.apis." + name + ".api is not set; "
				+ "known APIs: " + endpoints.keySet(),
				"Rename quickrpc.apis." + name + " to one of the known APIs " + endpoints.keySet() + "; or, if '" + name
						+ "' is the @RemoteApi name of an interface in another package, add that package with "
						+ "@EnableQuickRpc(basePackageClasses = ...); or set quickrpc.apis." + name
						+ ".api to the interface's fully qualified name.",
				name, null, "quickrpc.apis." + name, null);
	}

	private Handler resolve(String beanName, Object bean, Method method, IncomingHandler annotation,
			Map<String, RpcEndpoint<?>> endpoints) {
		String incoming = annotation.method().isEmpty() ? method.getName() : annotation.method();
		String handler = "@IncomingHandler " + ClassUtils.getUserClass(bean).getSimpleName() + "." + method.getName()
				+ " of bean '" + beanName + "'";
		List<RpcEndpoint<?>> targets = new ArrayList<>();
		if (!annotation.api().isEmpty()) {
			RpcEndpoint<?> endpoint = endpoints.get(annotation.api());
			if (endpoint == null) {
				throw new QuickRpcStartupException(handler + " names API '" + annotation.api()
						+ "', which does not exist; known APIs: " + endpoints.keySet(),
						"Set @IncomingHandler(api = ...) of " + simpleName(bean, method) + " to one of "
								+ endpoints.keySet() + ", or, if '" + annotation.api() + "' is the @RemoteApi name of "
								+ "an interface in another package, add that package with "
								+ "@EnableQuickRpc(basePackageClasses = ...).",
						annotation.api(), beanName, null, null);
			}
			targets.add(endpoint);
		}
		else {
			endpoints.values().stream().filter((endpoint) -> endpoint.incomingMethods().contains(incoming))
				.forEach(targets::add);
			if (targets.isEmpty()) {
				throw new QuickRpcStartupException(handler + " handles '" + incoming
						+ "', which no API has as an incoming method; incoming methods: " + incomingMethods(endpoints.values()),
						"Rename " + simpleName(bean, method) + " after the incoming method it handles, or set "
								+ "@IncomingHandler(method = \"...\"); if its API was not found, add the API's package "
								+ "with @EnableQuickRpc(basePackageClasses = ...).",
						null, beanName, null, null);
			}
			if (targets.stream().map(RpcEndpoint::apiType).distinct().count() > 1) {
				List<String> names = targets.stream().map(RpcEndpoint::name).collect(Collectors.toList());
				throw new QuickRpcStartupException(handler + " is ambiguous: APIs " + names + " all have an incoming '"
						+ incoming + "'; set @IncomingHandler(api = \"...\")",
						"Set @IncomingHandler(api = \"...\") of " + simpleName(bean, method) + " to one of " + names + ".",
						null, beanName, null, null);
			}
		}
		return new Handler(beanName, bean, method, handler, incoming, targets);
	}

	/**
	 * Fails if two handler methods of one endpoint return a reply to one incoming method that
	 * has a reply: every call of it would fail, since it may have one reply only.
	 */
	private static void checkOneReplyPerCall(List<Handler> handlers) {
		Map<String, List<Handler>> replying = new LinkedHashMap<>();
		for (Handler handler : handlers) {
			if (!returnsValue(handler.method)) {
				continue;
			}
			for (RpcEndpoint<?> endpoint : handler.targets) {
				if (hasReply(endpoint, handler.incoming)) {
					replying.computeIfAbsent(endpoint.name() + "\0" + handler.incoming, (key) -> new ArrayList<>())
						.add(handler);
				}
			}
		}
		for (Map.Entry<String, List<Handler>> entry : replying.entrySet()) {
			List<Handler> competing = entry.getValue();
			if (competing.size() < 2) {
				continue;
			}
			String api = entry.getKey().substring(0, entry.getKey().indexOf('\0'));
			Handler first = competing.get(0);
			RpcEndpoint<?> endpoint = first.targets.stream().filter((target) -> target.name().equals(api)).findFirst()
				.orElseThrow();
			throw new QuickRpcStartupException("API '" + api + "' (" + endpoint.apiType().getName() + ") has "
					+ competing.size() + " @IncomingHandler methods that return a reply to '" + first.incoming + "': "
					+ competing.stream().map((handler) -> handler.description).collect(Collectors.joining(", "))
					+ "; a call has one reply, so every call of '" + first.incoming + "' would fail with error -32603",
					"Keep one @IncomingHandler method that returns the reply to '" + first.incoming + "' of API '" + api
							+ "': make the others return void, or give them @IncomingHandler(api = ...) of another API.",
					api, competing.get(1).beanName, null, null);
		}
	}

	private void connect(Handler handler) {
		Method invocable = AopUtils.selectInvocableMethod(handler.method, handler.bean.getClass());
		for (RpcEndpoint<?> endpoint : handler.targets) {
			try {
				endpoint.connect(handler.incoming, handler.bean, invocable);
			}
			catch (IllegalArgumentException ex) {
				String simpleName = simpleName(handler.bean, handler.method);
				throw new QuickRpcStartupException(handler.description + " cannot be connected to API '"
						+ endpoint.name() + "' (" + endpoint.apiType().getName() + "): " + reason(ex, simpleName),
						"Change the parameters of " + simpleName + " to fit " + endpoint.apiType().getSimpleName() + "."
								+ handler.incoming + ": name each after one of its parameters, with a type that can "
								+ "hold that parameter's values, or make it a @Peer String, a SecurityInfo, or a "
								+ "@SecInfo Map<String, String>; and compile with -parameters.",
						endpoint.name(), handler.beanName, null, ex);
			}
		}
	}

	/** The reason core gives, without its own "Handler method X cannot handle Y: " prefix. */
	private static String reason(IllegalArgumentException ex, String simpleName) {
		String message = String.valueOf(ex.getMessage());
		String prefix = "Handler method " + simpleName + " cannot handle ";
		int colon = message.startsWith(prefix) ? message.indexOf(": ", prefix.length()) : -1;
		return (colon >= 0) ? message.substring(colon + 2) : message;
	}

	private static boolean returnsValue(Method method) {
		return method.getReturnType() != void.class && method.getReturnType() != Void.class;
	}

	private static boolean hasReply(RpcEndpoint<?> endpoint, String incoming) {
		return Arrays.stream(endpoint.apiType().getMethods())
			.filter((method) -> method.getName().equals(incoming) && !Modifier.isStatic(method.getModifiers()))
			.anyMatch(IncomingHandlerRegistrar::returnsValue);
	}

	private static String simpleName(Object bean, Method method) {
		return ClassUtils.getUserClass(bean).getSimpleName() + "." + method.getName();
	}

	private static Map<String, Collection<String>> incomingMethods(Collection<RpcEndpoint<?>> endpoints) {
		Map<String, Collection<String>> methods = new TreeMap<>();
		endpoints.forEach((endpoint) -> methods.put(endpoint.name(), endpoint.incomingMethods()));
		return methods;
	}

	/** A handler method and the endpoints it serves. */
	private record Handler(String beanName, Object bean, Method method, String description, String incoming,
			List<RpcEndpoint<?>> targets) {
	}

}
