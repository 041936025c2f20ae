package io.quickrpc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;

import io.quickrpc.security.SecurityInfo;

/**
 * Calls one {@link IncomingHandler} method of a handler object, passing the arguments it asks
 * for by name. Which argument goes where is worked out once, at connect time.
 */
final class HandlerMethodListener implements IncomingListener {

	private static final int SENDER = -1;

	private static final int SENDER_LIST = -2;

	private static final int SECURITY_INFO = -3;

	private static final int SECURITY_MAP = -4;

	final Object target;

	private final Method handler;

	/** For each handler parameter: an index into the call's arguments, or one of the constants. */
	private final int[] sources;

	/** Whether the handler takes the call's arguments as they are, in declaration order. */
	private final boolean takesArgumentsAsRead;

	private HandlerMethodListener(Object target, Method handler, int[] sources, int argumentCount) {
		this.target = target;
		this.handler = handler;
		this.sources = sources;
		this.takesArgumentsAsRead = sources.length == argumentCount
				&& IntStream.range(0, sources.length).allMatch((i) -> sources[i] == i);
	}

	/**
	 * Prepares a handler method for an incoming method.
	 * @throws IllegalArgumentException if a parameter matches nothing the call provides
	 */
	static HandlerMethodListener of(Object target, Method handler, MethodModel method) {
		Parameter[] parameters = handler.getParameters();
		int[] sources = new int[parameters.length];
		for (int i = 0; i < parameters.length; i++) {
			sources[i] = source(handler, parameters[i], method);
		}
		if (!handler.trySetAccessible()) {
			throw new IllegalArgumentException("Handler method " + describe(handler) + " is not accessible; make it "
					+ "public or open its package");
		}
		return new HandlerMethodListener(target, handler, sources, method.method.getParameterCount());
	}

	private static int source(Method handler, Parameter parameter, MethodModel method) {
		Class<?> type = parameter.getType();
		if (parameter.isAnnotationPresent(Peer.class)) {
			if (type == String.class) {
				return SENDER;
			}
			if (type.isAssignableFrom(List.class) && Collection.class.isAssignableFrom(type)) {
				return SENDER_LIST;
			}
			throw handlerError(handler, method, "@Peer parameter '" + parameter.getName() + "' must be a String or a "
					+ "List<String>");
		}
		if (type == SecurityInfo.class) {
			return SECURITY_INFO;
		}
		if (parameter.isAnnotationPresent(SecInfo.class)) {
			if (type != Map.class) {
				throw handlerError(handler, method, "@SecInfo parameter '" + parameter.getName()
						+ "' must be a Map<String, String>");
			}
			return SECURITY_MAP;
		}
		if (!parameter.isNamePresent()) {
			throw handlerError(handler, method, "its parameter names are not in the class file; compile with "
					+ "-parameters");
		}
		MethodModel.Param param = method.param(parameter.getName());
		if (param == null) {
			throw handlerError(handler, method, "parameter '" + parameter.getName() + "' is not a parameter of "
					+ method.description + " " + method.parameterNames());
		}
		Class<?> declared = param.raw;
		if (!wrap(type).isAssignableFrom(wrap(declared))) {
			throw handlerError(handler, method, "parameter '" + parameter.getName() + "' is a " + type.getSimpleName()
					+ ", but " + method.description + " declares it as " + declared.getSimpleName());
		}
		return param.index;
	}

	private static Class<?> wrap(Class<?> type) {
		if (!type.isPrimitive()) {
			return type;
		}
		return java.lang.invoke.MethodType.methodType(type).wrap().returnType();
	}

	private static IllegalArgumentException handlerError(Method handler, MethodModel method, String reason) {
		return new IllegalArgumentException("Handler method " + describe(handler) + " cannot handle "
				+ method.description + ": " + reason + ".");
	}

	static String describe(Method handler) {
		return handler.getDeclaringClass().getSimpleName() + "." + handler.getName();
	}

	@Override
	public @Nullable Object onCall(IncomingCall call) throws Exception {
		@Nullable Object[] args = this.takesArgumentsAsRead ? call.rawArguments() : arguments(call);
		try {
			return this.handler.invoke(this.target, args);
		}
		catch (InvocationTargetException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof Exception exception) {
				throw exception;
			}
			throw (Error) cause;
		}
	}

	/** The handler method's arguments, each from where its parameter asks. */
	private @Nullable Object[] arguments(IncomingCall call) {
		@Nullable Object[] raw = call.rawArguments();
		@Nullable Object[] args = new Object[this.sources.length];
		for (int i = 0; i < args.length; i++) {
			int source = this.sources[i];
			args[i] = switch (source) {
				case SENDER -> call.sender();
				case SENDER_LIST -> List.of(call.sender());
				case SECURITY_INFO -> call.securityInfo();
				case SECURITY_MAP -> call.securityInfo().asMap();
				default -> raw[source];
			};
		}
		return args;
	}

	@Override
	public String toString() {
		return describe(this.handler);
	}

}
