package io.quickrpc;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
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
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

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

	final Param[] params;

	private final @Nullable ObjectReader resultReader;

	private final JsonMapper mapper;

	private MethodModel(Method method, boolean incoming, boolean allowPositionalArgs, ReplyKind replyKind,
			int peerIndex, boolean peerIsCollection, Param[] params, @Nullable ObjectReader resultReader,
			JsonMapper mapper) {
		this.method = method;
		this.name = method.getName();
		this.description = describe(method);
		this.incoming = incoming;
		this.allowPositionalArgs = allowPositionalArgs;
		this.replyKind = replyKind;
		this.peerIndex = peerIndex;
		this.peerIsCollection = peerIsCollection;
		this.params = params;
		this.resultReader = resultReader;
		this.mapper = mapper;
	}

	/**
	 * Reads a method's annotations and types.
	 * @return the model, or {@code null} if the method is neither incoming nor outgoing
	 * @throws IllegalArgumentException if the declaration is not usable
	 */
	static @Nullable MethodModel of(Method method, boolean inverted, JsonMapper mapper) {
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
			JavaType type = mapper.constructType(parameter.getParameterizedType());
			params.add(new Param(parameter.getName(), i, type, mapper.readerFor(type)));
		}
		ReplyKind replyKind;
		ObjectReader resultReader = null;
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
			resultReader = mapper.readerFor(mapper.constructType(parameterized.getActualTypeArguments()[0]));
		}
		else if (Future.class.isAssignableFrom(returnType)) {
			throw methodError(method, "a reply is returned as CompletableFuture<T> or CompletionStage<T>, or as a "
					+ "plain type to wait for it, not as " + returnType.getSimpleName());
		}
		else {
			replyKind = ReplyKind.BLOCKING;
			resultReader = mapper.readerFor(mapper.constructType(method.getGenericReturnType()));
		}
		return new MethodModel(method, incoming, allowPositional, replyKind, peerIndex, peerIsCollection,
				params.toArray(new Param[0]), resultReader, mapper);
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

	@Nullable Param param(String name) {
		for (Param param : this.params) {
			if (param.name.equals(name)) {
				return param;
			}
		}
		return null;
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

	/** Converts the Java arguments of an outgoing call into named JSON parameters. */
	ObjectNode encodeArguments(@Nullable Object[] args) {
		ObjectNode params = this.mapper.createObjectNode();
		for (Param param : this.params) {
			Object value = args[param.index];
			params.set(param.name, this.mapper.valueToTree(value));
		}
		return params;
	}

	/**
	 * Converts incoming JSON parameters into Java arguments, in declaration order; the peer slot
	 * holds the sender.
	 * @throws RemoteException with {@link RemoteException#INVALID_PARAMS} if they do not fit
	 */
	@Nullable Object[] decodeArguments(JsonNode json, String sender) {
		@Nullable Object[] args = new Object[this.method.getParameterCount()];
		if (this.peerIndex >= 0) {
			args[this.peerIndex] = this.peerIsCollection ? List.of(sender) : sender;
		}
		if (json.isArray()) {
			decodePositional((ArrayNode) json, args);
			return args;
		}
		int found = 0;
		for (var property : json.properties()) {
			Param param = param(property.getKey());
			if (param == null) {
				throw invalidParams("unknown parameter '" + property.getKey() + "'");
			}
			args[param.index] = param.convert(property.getValue(), this);
			found++;
		}
		if (found < this.params.length) {
			for (Param param : this.params) {
				if (!json.has(param.name)) {
					if (param.type.getRawClass() != Optional.class) {
						throw invalidParams("missing parameter '" + param.name + "'");
					}
					args[param.index] = Optional.empty();
				}
			}
		}
		return args;
	}

	private void decodePositional(ArrayNode json, @Nullable Object[] args) {
		if (!this.allowPositionalArgs) {
			throw invalidParams("positional parameters are not accepted; send params as an object with the names "
					+ parameterNames() + ", or declare allowPositionalArgs = true");
		}
		if (json.size() != this.params.length) {
			throw invalidParams("expected " + this.params.length + " positional parameters " + parameterNames()
					+ ", got " + json.size());
		}
		for (int i = 0; i < this.params.length; i++) {
			args[this.params[i].index] = this.params[i].convert(json.get(i), this);
		}
	}

	@Nullable Object decodeResult(JsonNode result) {
		ObjectReader reader = this.resultReader;
		if (reader == null) {
			return null;
		}
		try {
			return reader.readValue(result);
		}
		catch (JacksonException ex) {
			throw new RpcException("The reply to " + this.description + " does not fit its declared type: "
					+ ex.getOriginalMessage() + ". Check that both sides declare the same reply type.");
		}
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

		final JavaType type;

		private final ObjectReader reader;

		Param(String name, int index, JavaType type, ObjectReader reader) {
			this.name = name;
			this.index = index;
			this.type = type;
			this.reader = reader;
		}

		@Nullable Object convert(JsonNode value, MethodModel method) {
			try {
				return this.reader.readValue(value);
			}
			catch (JacksonException ex) {
				throw method.invalidParams("parameter '" + this.name + "' cannot be read as "
						+ this.type.getRawClass().getSimpleName() + " (" + ex.getOriginalMessage() + ")");
			}
		}

	}

}
