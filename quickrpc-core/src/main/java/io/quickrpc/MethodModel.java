package io.quickrpc;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;

import io.quickrpc.security.SecurityInfo;

/**
 * What one method of a remote API means, worked out once when the endpoint is built: its
 * direction, wire parameters and their types, peer parameter and reply kind.
 */
final class MethodModel {

	enum ReplyKind {

		/** A notification: no reply. */
		NONE,

		/** A request whose caller blocks for the reply. */
		BLOCKING,

		/** A request whose caller gets a future. */
		ASYNC

	}

	final Method method;

	final String name;

	final String description;

	final boolean incoming;

	final boolean allowPositionalArgs;

	final ReplyKind replyKind;

	/** Index of the {@link Peer} parameter among the Java arguments, or -1. */
	final int peerIndex;

	final boolean peerIsCollection;

	/** The most wire parameters a method may have. */
	static final int MAX_PARAMS = 64;

	final Param[] params;

	/** How its values travel. */
	final MethodBinding binding;

	/** The exceptions its {@code throws} clause declares. */
	final DeclaredErrors errors;

	/** How long a call waits for its reply, or {@code null} for the endpoint's reply timeout. */
	final @Nullable Duration replyTimeout;

	private MethodModel(Method method, boolean incoming, boolean allowPositionalArgs, ReplyKind replyKind,
			int peerIndex, boolean peerIsCollection, Param[] params, @Nullable Type resultType, Converters converters,
			@Nullable Duration replyTimeout) {
		this.method = method;
		this.name = method.getName();
		this.description = describe(method);
		this.incoming = incoming;
		this.allowPositionalArgs = allowPositionalArgs;
		this.replyKind = replyKind;
		this.peerIndex = peerIndex;
		this.peerIsCollection = peerIsCollection;
		this.params = params;
		this.binding = new MethodBinding(this, resultType, converters);
		this.errors = DeclaredErrors.of(method);

		this.replyTimeout = replyTimeout;
	}

	/**
	 * Reads a method's annotations and types.
	 * @param replyTimeout the reply timeout given for the method, which replaces its
	 * {@link ReplyTimeout}, or {@code null}
	 * @return the model, or {@code null} if the method is neither incoming nor outgoing
	 * @throws IllegalArgumentException if the declaration is not usable
	 */
	static @Nullable MethodModel of(Method method, boolean inverted, Converters converters,
			@Nullable Duration replyTimeout) {
		Incoming in = method.getAnnotation(Incoming.class);
		Outgoing out = method.getAnnotation(Outgoing.class);
		if (in == null && out == null) {
			return null;
		}
		if (in != null && out != null) {
			throw methodError(method, "it is both @Incoming and @Outgoing; choose one");
		}
		if (method.getTypeParameters().length > 0) {
			throw methodError(method, "a remote method cannot have type parameters");
		}
		boolean incoming = (in != null) != inverted;
		boolean allowPositional = (in != null) ? in.allowPositionalArgs() : out.allowPositionalArgs();
		int peerIndex = -1;
		boolean peerIsCollection = false;
		List<Param> params = new ArrayList<>();
		Parameter[] parameters = method.getParameters();
		for (int i = 0; i < parameters.length; i++) {
			Parameter parameter = parameters[i];
			if (parameter.isAnnotationPresent(Peer.class)) {
				if (peerIndex >= 0) {
					throw methodError(method, "only one parameter may be @Peer, but '" + parameters[peerIndex].getName()
							+ "' and '" + parameter.getName() + "' are");
				}
				peerIndex = i;
				peerIsCollection = isPeerCollection(method, parameter);
				continue;
			}
			if (!parameter.isNamePresent()) {
				throw methodError(method, "its parameter names are not in the class file; compile with -parameters "
						+ "(maven-compiler-plugin <parameters>true</parameters>)");
			}
			if (parameter.getType() == SecurityInfo.class || parameter.isAnnotationPresent(SecInfo.class)) {
				throw methodError(method, "security information is not a remote parameter; declare '"
						+ parameter.getName() + "' on the handler method instead");
			}
			params.add(new Param(parameter.getName(), i, parameter.getParameterizedType()));
		}
		if (params.size() > MAX_PARAMS) {
			throw methodError(method, "it has " + params.size() + " remote parameters, more than the " + MAX_PARAMS
					+ " a method may have; pass a record instead");
		}
		ReplyKind replyKind;
		Type resultType = null;
		Class<?> returnType = method.getReturnType();
		if (returnType == void.class) {
			replyKind = ReplyKind.NONE;
		}
		else if (returnType == CompletableFuture.class || returnType == CompletionStage.class) {
			replyKind = ReplyKind.ASYNC;
			Type generic = method.getGenericReturnType();
			if (!(generic instanceof ParameterizedType parameterized)
					|| !(parameterized.getActualTypeArguments()[0] instanceof Class
							|| parameterized.getActualTypeArguments()[0] instanceof ParameterizedType)) {
				throw methodError(method, "declare the reply type, as in CompletableFuture<String> "
						+ "(CompletableFuture<Void> for a reply without a value)");
			}
			resultType = parameterized.getActualTypeArguments()[0];
		}
		else if (Future.class.isAssignableFrom(returnType)) {
			throw methodError(method, "a reply is returned as CompletableFuture<T> or CompletionStage<T>, or as a "
					+ "plain type to wait for it, not as " + returnType.getSimpleName());
		}
		else {
			replyKind = ReplyKind.BLOCKING;
			resultType = method.getGenericReturnType();
		}
		return new MethodModel(method, incoming, allowPositional, replyKind, peerIndex, peerIsCollection,
				params.toArray(new Param[0]), resultType, converters,
				(replyTimeout != null) ? replyTimeout : annotatedReplyTimeout(method, replyKind));
	}

	private static @Nullable Duration annotatedReplyTimeout(Method method, ReplyKind replyKind) {
		ReplyTimeout annotation = method.getAnnotation(ReplyTimeout.class);
		if (annotation == null) {
			return null;
		}
		if (replyKind == ReplyKind.NONE) {
			throw methodError(method, "@ReplyTimeout is for methods with a reply, and this one returns void; remove it");
		}
		if (annotation.value() <= 0) {
			throw methodError(method, "@ReplyTimeout must be positive, not " + annotation.value());
		}
		return Duration.of(annotation.value(), annotation.unit().toChronoUnit());
	}

	private static boolean isPeerCollection(Method method, Parameter parameter) {
		Class<?> type = parameter.getType();
		if (type == String.class) {
			return false;
		}
		if ((type == Collection.class || type == List.class || type == Set.class)
				&& parameter.getParameterizedType() instanceof ParameterizedType parameterized
				&& parameterized.getActualTypeArguments()[0] == String.class) {
			return true;
		}
		throw methodError(method, "@Peer parameter '" + parameter.getName() + "' must be a String or a "
				+ "Collection<String>, List<String> or Set<String>, not " + parameter.getParameterizedType().getTypeName());
	}

	static String describe(Method method) {
		return method.getDeclaringClass().getSimpleName() + "." + method.getName();
	}

	static IllegalArgumentException methodError(Method method, String reason) {
		return new IllegalArgumentException("Invalid remote method: " + reason + ", for method " + describe(method));
	}

	boolean hasReply() {
		return this.replyKind != ReplyKind.NONE;
	}

	/** Returns how long a call waits for its reply: its own timeout, else the endpoint's. */
	Duration replyTimeout(Duration endpointTimeout) {
		return (this.replyTimeout != null) ? this.replyTimeout : endpointTimeout;
	}

	/** Returns the wire parameter with this name, or {@code null}. */
	@Nullable Param param(String name) {
		int index = paramIndex(name);
		return (index >= 0) ? this.params[index] : null;
	}

	/** Returns the index in {@link #params} of the parameter with this name, or -1. */
	int paramIndex(String name) {
		for (int i = 0; i < this.params.length; i++) {
			if (this.params[i].name.equals(name)) {
				return i;
			}
		}
		return -1;
	}

	/** Returns the receivers named by the peer argument, {@code null} for all. */
	@Nullable Collection<String> receivers(@Nullable Object[] args) {
		if (this.peerIndex < 0 || args[this.peerIndex] == null) {
			return null;
		}
		Object peer = args[this.peerIndex];
		if (peer instanceof String single) {
			return List.of(single);
		}
		@SuppressWarnings("unchecked")
		Collection<String> many = (Collection<String>) peer;
		return many;
	}

	List<String> parameterNames() {
		List<String> names = new ArrayList<>();
		for (Param param : this.params) {
			names.add(param.name);
		}
		return names;
	}

	RemoteException invalidParams(String reason) {
		return new RemoteException(RemoteException.INVALID_PARAMS, reason + " for " + this.name + "(" 
				+ String.join(", ", parameterNames()) + ")");
	}

	@Override
	public String toString() {
		return this.description;
	}

	/** One parameter that travels on the wire. */
	static final class Param {

		final String name;

		final int index;

		final Type type;

		/** The type's class without its generic arguments. */
		final Class<?> raw;

		/** The type's simple name, for messages. */
		final String typeName;

		Param(String name, int index, Type type) {
			this.name = name;
			this.index = index;
			this.type = type;
			this.raw = (type instanceof ParameterizedType parameterized) ? (Class<?>) parameterized.getRawType()
					: (type instanceof Class<?> plain) ? plain : Object.class;
			this.typeName = this.raw.getSimpleName();
		}

		boolean isOptional() {
			return this.raw == Optional.class;
		}

	}

}
