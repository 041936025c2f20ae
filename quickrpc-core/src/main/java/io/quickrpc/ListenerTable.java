package io.quickrpc;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The listeners connected to each incoming method of one endpoint, in connection order.
 */
final class ListenerTable {

	private static final List<IncomingListener> NONE = List.of();

	private final ApiModel api;

	private final Map<String, List<IncomingListener>> listeners = new ConcurrentHashMap<>();

	ListenerTable(ApiModel api) {
		this.api = api;
	}

	void connect(String method, IncomingListener listener) {
		incoming(method);
		this.listeners.computeIfAbsent(method, (name) -> new CopyOnWriteArrayList<>()).add(listener);
	}

	void disconnect(String method, IncomingListener listener) {
		incoming(method);
		List<IncomingListener> connected = this.listeners.get(method);
		if (connected != null) {
			connected.remove(listener);
		}
	}

	/**
	 * Connects every {@link IncomingHandler} method of the handler that belongs to this API.
	 * Nothing is connected if one of them does not fit.
	 */
	void connect(Object handler) {
		Map<String, List<IncomingListener>> found = new ConcurrentHashMap<>();
		for (Method method : handlerMethods(handler.getClass())) {
			IncomingHandler annotation = method.getAnnotation(IncomingHandler.class);
			if (!annotation.api().isEmpty() && !annotation.api().equals(this.api.name)) {
				continue;
			}
			String target = annotation.method().isEmpty() ? method.getName() : annotation.method();
			MethodModel model = this.api.method(target);
			if (model == null || !model.incoming) {
				throw new IllegalArgumentException("Handler method " + HandlerMethodListener.describe(method)
						+ " names no incoming method of API '" + this.api.name + "' (" + this.api.type.getSimpleName()
						+ "); incoming methods: " + incomingNames() + ". Rename it, or set @IncomingHandler(method = ...)");
			}
			found.computeIfAbsent(target, (name) -> new ArrayList<>())
				.add(HandlerMethodListener.of(handler, method, model));
		}
		if (found.isEmpty()) {
			throw new IllegalArgumentException(handler.getClass().getName() + " has no @IncomingHandler methods for "
					+ "API '" + this.api.name + "'; annotate the methods that handle its incoming calls");
		}
		found.forEach((method, listeners) -> listeners.forEach((listener) -> connect(method, listener)));
	}

	void connect(String method, Object target, Method handlerMethod) {
		connect(method, HandlerMethodListener.of(target, handlerMethod, incoming(method)));
	}

	void disconnect(Object handler) {
		for (List<IncomingListener> connected : this.listeners.values()) {
			connected.removeIf((listener) -> listener instanceof HandlerMethodListener method
					&& method.target == handler);
		}
	}

	List<IncomingListener> listeners(String method) {
		return this.listeners.getOrDefault(method, NONE);
	}

	Set<String> unhandled() {
		Set<String> unhandled = new TreeSet<>();
		for (MethodModel method : this.api.methods()) {
			if (method.incoming && listeners(method.name).isEmpty()) {
				unhandled.add(method.name);
			}
		}
		return unhandled;
	}

	private Set<String> incomingNames() {
		Set<String> names = new TreeSet<>();
		this.api.methods().stream().filter((method) -> method.incoming).forEach((method) -> names.add(method.name));
		return names;
	}

	private MethodModel incoming(String method) {
		MethodModel model = this.api.method(method);
		if (model == null || !model.incoming) {
			throw new IllegalArgumentException("'" + method + "' is not an incoming method of API '" + this.api.name
					+ "' (" + this.api.type.getSimpleName() + "); incoming methods: " + incomingNames());
		}
		return model;
	}

	private static List<Method> handlerMethods(Class<?> type) {
		List<Method> methods = new ArrayList<>();
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			for (Method method : current.getDeclaredMethods()) {
				if (method.isAnnotationPresent(IncomingHandler.class) && !method.isBridge()) {
					methods.add(method);
				}
			}
		}
		return methods;
	}

}
