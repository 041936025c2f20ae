package io.quickrpc;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The exceptions a remote method declares in its {@code throws} clause, read once when the
 * endpoint is built: on the handling side, which exceptions are expected outcomes; on the
 * calling side, which exception an error reply becomes. Only declared classes are ever created:
 * a class named on the wire is never loaded.
 */
final class DeclaredErrors {

	/** The key of the error data member that names the exception class. */
	static final String TYPE = "type";

	private final Class<?>[] declared;

	private final List<Creatable> creatable;

	private DeclaredErrors(Class<?>[] declared, List<Creatable> creatable) {
		this.declared = declared;
		this.creatable = creatable;
	}

	static DeclaredErrors of(Method method) {
		Class<?>[] declared = method.getExceptionTypes();
		List<Creatable> creatable = new ArrayList<>();
		for (Class<?> type : declared) {
			Creatable found = Creatable.of(type);
			if (found != null) {
				creatable.add(found);
			}
		}
		return new DeclaredErrors(declared, List.copyOf(creatable));
	}

	/** Whether the method declares the exception's class or one of its superclasses. */
	boolean declares(Throwable exception) {
		for (Class<?> type : this.declared) {
			if (type.isInstance(exception)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The error reply for an exception that is part of the API: one whose class is annotated
	 * {@link RpcError}, or that the method declares.
	 * @return the reply, or {@code null} if the exception is not part of the API
	 */
	@Nullable RemoteException reply(Throwable exception) {
		RpcError annotation = exception.getClass().getAnnotation(RpcError.class);
		if (annotation == null && !declares(exception)) {
			return null;
		}
		int code = (annotation != null) ? annotation.code() : RemoteException.SERVER_ERROR;
		String message = (exception.getMessage() != null) ? exception.getMessage()
				: exception.getClass().getSimpleName();
		return new RemoteException(code, message, Map.of(TYPE, exception.getClass().getName()));
	}

	/**
	 * The declared exception an error reply stands for: the one {@code data.type} names, else
	 * the first whose {@link RpcError} code is the reply's.
	 * @return the exception, with the error as its cause, or {@code null} if none fits
	 */
	@Nullable Throwable decode(RemoteException error) {
		String type = (error.data() instanceof Map<?, ?> data && data.get(TYPE) instanceof String name) ? name : null;
		for (Creatable candidate : this.creatable) {
			if (candidate.type.getName().equals(type)) {
				return candidate.create(error);
			}
		}
		for (Creatable candidate : this.creatable) {
			if (candidate.code != null && candidate.code == error.code()) {
				return candidate.create(error);
			}
		}
		return null;
	}

	/** A declared exception class and the constructor that creates it from a message. */
	private static final class Creatable {

		final Class<?> type;

		final @Nullable Integer code;

		private final Constructor<?> constructor;

		private Creatable(Class<?> type, Constructor<?> constructor) {
			RpcError annotation = type.getAnnotation(RpcError.class);
			this.type = type;
			this.code = (annotation != null) ? annotation.code() : null;
			this.constructor = constructor;
		}

		static @Nullable Creatable of(Class<?> type) {
			if (Modifier.isAbstract(type.getModifiers()) || RemoteException.class.isAssignableFrom(type)) {
				return null;
			}
			for (Class<?>[] parameters : List.of(new Class<?>[] { String.class },
					new Class<?>[] { String.class, Throwable.class })) {
				try {
					Constructor<?> constructor = type.getConstructor(parameters);
					if (constructor.trySetAccessible()) {
						return new Creatable(type, constructor);
					}
				}
				catch (NoSuchMethodException ex) {
					// try the next form
				}
			}
			return null;
		}

		@Nullable Throwable create(RemoteException error) {
			try {
				Throwable created = (Throwable) ((this.constructor.getParameterCount() == 1)
						? this.constructor.newInstance(error.remoteMessage())
						: this.constructor.newInstance(error.remoteMessage(), error));
				return withCause(created, error);
			}
			catch (InstantiationException | IllegalAccessException | InvocationTargetException ex) {
				error.addSuppressed(ex);
				return null;
			}
		}

	}

	/** Gives a decoded exception the error reply as its cause, where it has none. */
	static Throwable withCause(Throwable decoded, RemoteException error) {
		if (decoded != error && decoded.getCause() == null) {
			try {
				decoded.initCause(error);
			}
			catch (IllegalStateException | IllegalArgumentException ex) {
				// its cause was set to null on purpose: leave it
			}
		}
		return decoded;
	}

}
