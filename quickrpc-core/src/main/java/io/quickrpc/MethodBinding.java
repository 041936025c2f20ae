package io.quickrpc;

import java.lang.reflect.Type;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import io.quickrpc.codec.Value;
import io.quickrpc.codec.ValueReader;
import io.quickrpc.convert.Converter;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.StreamReadException;

/**
 * How the values of one method travel, built once when the endpoint is built: a converter for each
 * wire parameter and for the result, from their declared generic types. Reads arguments and
 * results straight from the codec's parser, and writes them straight into its generator, with no
 * tree in between.
 */
final class MethodBinding {

	private final MethodModel method;

	/** The converters of {@link MethodModel#params}, in the same order. */
	private final Converter<Object>[] params;

	private final @Nullable Converter<Object> result;

	/** Reads and drops a value that nobody wants, such as the params of an unknown method. */
	static final ValueReader SKIP = (parser) -> {
		parser.skipChildren();
		return JsonGenerator::writeNull;
	};

	/** Reads the params of a call into {@link Arguments}. */
	final ValueReader paramsReader = this::readParams;

	/** Reads the result of a reply into a {@link Result}. */
	final ValueReader resultReader = this::readResult;

	@SuppressWarnings({ "unchecked", "rawtypes" })
	MethodBinding(MethodModel method, @Nullable Type resultType, Converters converters) {
		this.method = method;
		this.params = new Converter[method.params.length];
		for (int i = 0; i < this.params.length; i++) {
			this.params[i] = converters.converter(method.params[i].type);
		}
		this.result = (resultType != null) ? converters.converter(resultType) : null;
	}

	/** The params of an outgoing call: an object of the wire parameters, by name. */
	Value params(@Nullable Object[] args) {
		return (generator) -> {
			generator.writeStartObject();
			for (int i = 0; i < this.params.length; i++) {
				MethodModel.Param param = this.method.params[i];
				generator.writeName(param.name);
				this.params[i].write(generator, args[param.index]);
			}
			generator.writeEndObject();
		};
	}

	/** The result of a request, as the reply carries it. */
	Value result(@Nullable Object value) {
		Converter<Object> converter = this.result;
		return (generator) -> {
			if (converter == null || value == null) {
				generator.writeNull();
			}
			else {
				converter.write(generator, value);
			}
		};
	}

	private Arguments readParams(JsonParser parser) {
		@Nullable Object[] values = new Object[this.method.method.getParameterCount()];
		if (parser.currentToken() == JsonToken.START_ARRAY) {
			return readPositional(parser, values);
		}
		RemoteException failure = null;
		long seen = 0;
		while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
			String name = parser.currentName();
			parser.nextToken();
			int i = this.method.paramIndex(name);
			if (i < 0 || (seen & (1L << i)) != 0) {
				failure = first(failure, (i < 0) ? "unknown parameter '" + name + "'"
						: "parameter '" + name + "' occurs more than once");
				parser.skipChildren();
				continue;
			}
			seen |= 1L << i;
			failure = readParam(parser, i, values, failure);
		}
		for (int i = 0; i < this.params.length; i++) {
			if ((seen & (1L << i)) == 0) {
				MethodModel.Param param = this.method.params[i];
				if (param.isOptional()) {
					values[param.index] = Optional.empty();
				}
				else {
					failure = first(failure, "missing parameter '" + param.name + "'");
				}
			}
		}
		return new Arguments(this.method, values, failure);
	}

	private Arguments readPositional(JsonParser parser, @Nullable Object[] values) {
		if (!this.method.allowPositionalArgs) {
			parser.skipChildren();
			return new Arguments(this.method, values, this.method.invalidParams("positional parameters are not "
					+ "accepted; send params as an object with the names " + this.method.parameterNames()
					+ ", or declare allowPositionalArgs = true"));
		}
		RemoteException failure = null;
		int count = 0;
		while (parser.nextToken() != JsonToken.END_ARRAY) {
			if (count < this.params.length) {
				failure = readParam(parser, count, values, failure);
			}
			else {
				parser.skipChildren();
			}
			count++;
		}
		if (count != this.params.length) {
			failure = first(failure, "expected " + this.params.length + " positional parameters "
					+ this.method.parameterNames() + ", got " + count);
		}
		return new Arguments(this.method, values, failure);
	}

	/** Reads one parameter; one that does not fit is skipped, and the first such problem kept. */
	private @Nullable RemoteException readParam(JsonParser parser, int i, @Nullable Object[] values,
			@Nullable RemoteException failure) {
		MethodModel.Param param = this.method.params[i];
		try {
			values[param.index] = read(this.params[i], parser);
			return failure;
		}
		catch (Misfit ex) {
			return first(failure, "parameter '" + param.name + "' cannot be read as " + param.typeName + " ("
					+ ex.getMessage() + ")");
		}
	}

	private Result readResult(JsonParser parser) {
		Converter<Object> converter = this.result;
		if (converter == null) {
			parser.skipChildren();
			return new Result(this, null, null);
		}
		try {
			return new Result(this, read(converter, parser), null);
		}
		catch (Misfit ex) {
			return new Result(this, null, new RpcException("The reply to " + this.method.description + " does not fit its "
					+ "declared type: " + ex.getMessage() + ". Check that both sides declare the same reply type."));
		}
	}

	/**
	 * Reads one value with a converter. A value that is well-formed but does not fit is read to
	 * its end all the same, so the message goes on after it, and reported as a {@link Misfit};
	 * malformed JSON is not a misfit and fails the frame.
	 */
	static @Nullable Object read(Converter<Object> converter, JsonParser parser) {
		TokenStreamContext context = parser.streamReadContext();
		boolean structured = parser.currentToken().isStructStart();
		try {
			return converter.read(parser);
		}
		catch (StreamReadException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			if (structured) {
				skipToEnd(parser, context);
			}
			throw new Misfit((ex instanceof JacksonException jackson) ? jackson.getOriginalMessage()
					: String.valueOf(ex.getMessage()));
		}
	}

	/** Moves past the end of a structured value whose reading failed somewhere inside it. */
	private static void skipToEnd(JsonParser parser, TokenStreamContext context) {
		while (true) {
			JsonToken token = parser.currentToken();
			if (token != null && token.isStructEnd() && parser.streamReadContext() == context.getParent()) {
				return;
			}
			if (parser.nextToken() == null) {
				return;
			}
		}
	}

	private RemoteException first(@Nullable RemoteException failure, String reason) {
		return (failure != null) ? failure : this.method.invalidParams(reason);
	}

	/** A value that does not fit its type, read past; its message says why. */
	static final class Misfit extends RuntimeException {

		private static final long serialVersionUID = 1L;

		Misfit(String reason) {
			super(reason, null, false, false);
		}

	}

	/** The result of a reply, read into its declared type, or why it could not be. */
	static final class Result implements Value {

		private final MethodBinding binding;

		private final @Nullable Object value;

		private final @Nullable RpcException failure;

		Result(MethodBinding binding, @Nullable Object value, @Nullable RpcException failure) {
			this.binding = binding;
			this.value = value;
			this.failure = failure;
		}

		/** Returns the result, or throws why it could not be read. */
		@Nullable Object value() {
			if (this.failure != null) {
				throw this.failure;
			}
			return this.value;
		}

		@Override
		public void writeTo(JsonGenerator generator) {
			this.binding.result(this.value).writeTo(generator);
		}

	}

}
