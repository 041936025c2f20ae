package io.quickrpc;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;


/**
 * The methods of a remote API interface, as seen from one side, worked out once.
 */
final class ApiModel {

	private static final int MAX_INSTANCES_PER_METHOD = 4;

	final Class<?> type;

	final String name;

	final boolean inverted;

	private final Map<String, MethodModel> byName;

	private final Map<Method, MethodModel> byMethod;

	/**
	 * The methods as callers passed them, by identity: a proxy passes the same instances on every
	 * call, but other instances than the interface's, which {@link Method#equals} compares
	 * parameter type by parameter type. Copied on write, and bounded: a caller that passes a new
	 * instance each time, as {@link Class#getMethod} returns, is served by equality instead.
	 */
	private volatile Map<Method, MethodModel> byInstance = new IdentityHashMap<>();

	private ApiModel(Class<?> type, String name, boolean inverted, Map<String, MethodModel> byName,
			Map<Method, MethodModel> byMethod) {
		this.type = type;
		this.name = name;
		this.inverted = inverted;
		this.byName = byName;
		this.byMethod = byMethod;
	}

	/**
	 * Reads an API interface.
	 * @param replyTimeouts reply timeouts by method name, which replace the methods'
	 * {@link ReplyTimeout}s
	 * @throws IllegalArgumentException if it is not a usable remote API, naming the method, or a
	 * reply timeout names a method this side does not call with a reply
	 */
	static ApiModel of(Class<?> type, boolean inverted, Converters converters, Map<String, Duration> replyTimeouts) {
		if (!type.isInterface()) {
			throw new IllegalArgumentException(type.getName() + " is not an interface; declare a remote API as an "
					+ "interface annotated @RemoteApi");
		}
		RemoteApi annotation = type.getAnnotation(RemoteApi.class);
		if (annotation == null) {
			throw new IllegalArgumentException(type.getName() + " is not annotated @RemoteApi; annotate it");
		}
		Map<String, MethodModel> byName = new TreeMap<>();
		Map<Method, MethodModel> byMethod = new HashMap<>();
		for (Method method : type.getMethods()) {
			if (Modifier.isStatic(method.getModifiers())) {
				continue;
			}
			MethodModel model = MethodModel.of(method, inverted, converters, replyTimeouts.get(method.getName()));
			if (model == null) {
				if (!method.isDefault()) {
					throw MethodModel.methodError(method, "it is neither @Incoming nor @Outgoing; annotate it, "
							+ "or give it a default body");
				}
				continue;
			}
			MethodModel previous = byName.put(model.name, model);
			if (previous != null) {
				throw MethodModel.methodError(method, "remote method names must be unique, but " + model.name
						+ " is declared more than once");
			}
			byMethod.put(method, model);
		}
		ApiModel model = new ApiModel(type, nameOf(type), inverted, Map.copyOf(byName), Map.copyOf(byMethod));
		replyTimeouts.keySet().forEach((name) -> model.calledWithReply(name, "Cannot set a reply timeout: API '"
				+ model.name + "'"));
		return model;
	}

	/**
	 * Returns a method this side calls with a reply.
	 * @param subject how a failure message starts
	 * @throws IllegalArgumentException if there is no such method, saying which there are
	 */
	MethodModel calledWithReply(String name, String subject) {
		MethodModel method = this.byName.get(name);
		if (method != null && !method.incoming && method.hasReply()) {
			return method;
		}
		String problem = (method == null) ? "has no method '" + name + "'"
				: method.incoming ? "receives '" + name + "' here: the other side calls it and waits for its reply"
						: "has '" + name + "' without a reply, so nothing waits for one";
		throw new IllegalArgumentException(subject + " (" + this.type.getSimpleName() + ") " + problem
				+ "; name one of the methods this side calls with a reply: " + methods().stream()
					.filter((m) -> !m.incoming && m.hasReply())
					.map((m) -> m.name)
					.toList());
	}

	static String nameOf(Class<?> type) {
		RemoteApi annotation = type.getAnnotation(RemoteApi.class);
		String name = (annotation != null) ? annotation.value() : "";
		if (!name.isEmpty()) {
			return name;
		}
		String simple = type.getSimpleName();
		return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
	}

	@Nullable MethodModel method(String name) {
		return this.byName.get(name);
	}

	@Nullable MethodModel method(Method method) {
		MethodModel model = this.byInstance.get(method);
		if (model == null) {
			model = this.byMethod.get(method);
			if (model != null && this.byInstance.size() < MAX_INSTANCES_PER_METHOD * this.byMethod.size()) {
				Map<Method, MethodModel> known = new IdentityHashMap<>(this.byInstance);
				known.put(method, model);
				this.byInstance = known;
			}
		}
		return model;
	}

	Collection<MethodModel> methods() {
		return new TreeMap<>(this.byName).values();
	}

}
