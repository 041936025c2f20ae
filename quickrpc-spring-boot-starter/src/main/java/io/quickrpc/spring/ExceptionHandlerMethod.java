package io.quickrpc.spring;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.aop.support.AopUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import io.quickrpc.IncomingCall;
import io.quickrpc.MappedError;
import io.quickrpc.RemoteException;
import io.quickrpc.security.SecurityInfo;

/**
 * One {@link RpcExceptionHandler} method of a bean: which exceptions it handles, which argument
 * goes to each of its parameters (worked out once, at startup), and how its return value becomes
 * the error reply.
 */
final class ExceptionHandlerMethod {

	private enum Source {

		EXCEPTION, CALL, SECURITY_INFO

	}

	private final Object bean;

	private final Method method;

	private final String description;

	private final List<Class<? extends Throwable>> exceptionTypes;

	private final Source[] sources;

	private final int code;

	private final String message;

	private ExceptionHandlerMethod(Object bean, Method method, String description,
			List<Class<? extends Throwable>> exceptionTypes, Source[] sources, RpcExceptionHandler annotation) {
		this.bean = bean;
		this.method = method;
		this.description = description;
		this.exceptionTypes = exceptionTypes;
		this.sources = sources;
		this.code = annotation.code();
		this.message = annotation.message();
	}

	/**
	 * Prepares a method of a bean.
	 * @throws QuickRpcStartupException if it names no exception, or has a parameter it cannot be
	 * given
	 */
	static ExceptionHandlerMethod of(String beanName, Object bean, Method method, RpcExceptionHandler annotation) {
		String description = "@RpcExceptionHandler " + ClassUtils.getUserClass(bean).getSimpleName() + "."
				+ method.getName() + " of bean '" + beanName + "'";
		List<Class<? extends Throwable>> types = exceptionTypes(method, annotation);
		if (types.isEmpty()) {
			throw new QuickRpcStartupException(description + " names no exception type it handles",
					"Name the exceptions in @RpcExceptionHandler({...}), or give the method a parameter of the "
							+ "exception type it handles.",
					null, beanName, null, null);
		}
		Parameter[] parameters = method.getParameters();
		Source[] sources = new Source[parameters.length];
		for (int i = 0; i < parameters.length; i++) {
			sources[i] = source(beanName, description, parameters[i], types);
		}
		Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
		ReflectionUtils.makeAccessible(invocable);
		return new ExceptionHandlerMethod(bean, invocable, description, types, sources, annotation);
	}

	private static List<Class<? extends Throwable>> exceptionTypes(Method method, RpcExceptionHandler annotation) {
		if (annotation.value().length > 0) {
			return List.of(annotation.value());
		}
		return Arrays.stream(method.getParameterTypes())
			.filter(Throwable.class::isAssignableFrom)
			.<Class<? extends Throwable>>map((type) -> type.asSubclass(Throwable.class))
			.toList();
	}

	private static Source source(String beanName, String description, Parameter parameter,
			List<Class<? extends Throwable>> types) {
		Class<?> type = parameter.getType();
		if (type == IncomingCall.class) {
			return Source.CALL;
		}
		if (type == SecurityInfo.class) {
			return Source.SECURITY_INFO;
		}
		if (Throwable.class.isAssignableFrom(type)) {
			for (Class<? extends Throwable> handled : types) {
				if (!type.isAssignableFrom(handled)) {
					throw new QuickRpcStartupException(description + " handles " + handled.getName()
							+ ", which its parameter '" + parameter.getName() + "' of type " + type.getName()
							+ " cannot hold",
							"Declare the parameter as a common superclass of the handled exceptions, or handle "
									+ "fewer exceptions.",
							null, beanName, null, null);
				}
			}
			return Source.EXCEPTION;
		}
		throw new QuickRpcStartupException(description + " has parameter '" + parameter.getName() + "' of type "
				+ type.getName() + ", which it cannot be given",
				"Give the method parameters of the handled exception's type, IncomingCall or SecurityInfo only.",
				null, beanName, null, null);
	}

	List<Class<? extends Throwable>> exceptionTypes() {
		return this.exceptionTypes;
	}

	String description() {
		return this.description;
	}

	/**
	 * Runs the method for an exception.
	 * @throws IllegalStateException if the method throws
	 */
	MappedError handle(Throwable exception, IncomingCall call) {
		@Nullable Object[] args = new Object[this.sources.length];
		for (int i = 0; i < args.length; i++) {
			args[i] = switch (this.sources[i]) {
				case EXCEPTION -> exception;
				case CALL -> call;
				case SECURITY_INFO -> call.securityInfo();
			};
		}
		Object result;
		try {
			result = this.method.invoke(this.bean, args);
		}
		catch (InvocationTargetException ex) {
			throw new IllegalStateException(this.description + " failed on " + exception.getClass().getName()
					+ ": " + ex.getCause(), ex.getCause());
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(this.description + " cannot be called: " + ex.getMessage(), ex);
		}
		if (result instanceof MappedError mapped) {
			return mapped;
		}
		if (result instanceof RemoteException reply) {
			return MappedError.outcome(reply);
		}
		String message = !this.message.isEmpty() ? this.message
				: (exception.getMessage() != null) ? exception.getMessage() : exception.getClass().getSimpleName();
		Object data = (result != null) ? result : Map.of("type", exception.getClass().getName());
		return MappedError.outcome(new RemoteException(this.code, message, data));
	}

}
