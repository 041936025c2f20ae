package io.quickrpc;

import org.jspecify.annotations.Nullable;

import io.quickrpc.codec.Value;
import io.quickrpc.codec.ValueReader;
import io.quickrpc.convert.Converter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;

/**
 * The {@code data} of error replies, which no declaration types: written from any value and read
 * as plain Java (maps, lists, strings, numbers, booleans, {@code byte[]}) with the endpoint's
 * converter for {@code Object}.
 */
final class ErrorData {

	private final Converter<Object> converter;

	/** Reads received data into a {@link Data}. */
	final ValueReader reader = this::read;

	ErrorData(Converters converters) {
		this.converter = converters.converter(Object.class);
	}

	/** Returns data to send. */
	Value of(Object data) {
		return new Data(this.converter, data);
	}

	/** Returns the Java value of received data. */
	static @Nullable Object valueOf(@Nullable Value data) {
		return (data instanceof Data known) ? known.value : null;
	}

	private Value read(JsonParser parser) {
		try {
			return new Data(this.converter, MethodBinding.read(this.converter, parser));
		}
		catch (MethodBinding.Misfit ex) {
			return new Data(this.converter, "unreadable error data: " + ex.getMessage());
		}
	}

	/** Error data and how it is written. */
	private record Data(Converter<Object> converter, @Nullable Object value) implements Value {

		@Override
		public void writeTo(JsonGenerator generator) {
			this.converter.write(generator, this.value);
		}

	}

}
