package io.quickrpc.convert;

import java.lang.reflect.Type;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads and writes a string, a boolean, an {@code int}, a {@code long} or a {@code double}
 * straight from the parser and into the generator, as Jackson's own serializers and
 * deserializers do, without the cost of a databind context per value. Every other case (a
 * {@code null}, a number given as a string, a value that does not fit) goes to Jackson, so its
 * coercions and its messages stay as they are.
 */
final class ScalarConverter implements Converter<Object> {

	private final Converter<Object> jackson;

	private final Object sample;

	private final NaturalReader reader;

	private final Predicate<@Nullable Object> natural;

	private final NaturalWriter writer;

	private ScalarConverter(Converter<Object> jackson, Object sample, NaturalReader reader,
			Predicate<@Nullable Object> natural, NaturalWriter writer) {
		this.jackson = jackson;
		this.sample = sample;
		this.reader = reader;
		this.natural = natural;
		this.writer = writer;
	}

	/**
	 * Returns a converter for the type that reads its natural token itself, or {@code null} if the
	 * type is not such a scalar.
	 * @param jackson the converter that Jackson's own serializer and deserializer of the type back
	 */
	static @Nullable ScalarConverter of(Type type, Converter<Object> jackson) {
		if (type == String.class) {
			return new ScalarConverter(jackson, "a",
					(parser, token) -> (token == JsonToken.VALUE_STRING) ? parser.getString() : null,
					String.class::isInstance, (generator, value) -> PlainStrings.write(generator, (String) value));
		}
		if (type == boolean.class || type == Boolean.class) {
			return new ScalarConverter(jackson, Boolean.TRUE,
					(parser, token) -> (token == JsonToken.VALUE_TRUE) ? Boolean.TRUE
							: (token == JsonToken.VALUE_FALSE) ? Boolean.FALSE : null,
					Boolean.class::isInstance, (generator, value) -> generator.writeBoolean((Boolean) value));
		}
		if (type == int.class || type == Integer.class) {
			return new ScalarConverter(jackson, 5, (parser, token) -> (token == JsonToken.VALUE_NUMBER_INT
					&& parser.getNumberType() == JsonParser.NumberType.INT) ? parser.getIntValue() : null,
					Integer.class::isInstance, (generator, value) -> generator.writeNumber((Integer) value));
		}
		if (type == long.class || type == Long.class) {
			return new ScalarConverter(jackson, 5L, ScalarConverter::readLong, Long.class::isInstance,
					(generator, value) -> generator.writeNumber((Long) value));
		}
		if (type == double.class || type == Double.class) {
			return new ScalarConverter(jackson, 1.5,
					(parser, token) -> (token == JsonToken.VALUE_NUMBER_FLOAT) ? parser.getDoubleValue() : null,
					(value) -> value instanceof Double number && Double.isFinite(number),
					(generator, value) -> generator.writeNumber((Double) value));
		}
		return null;
	}

	private static @Nullable Object readLong(JsonParser parser, JsonToken token) {
		if (token != JsonToken.VALUE_NUMBER_INT) {
			return null;
		}
		JsonParser.NumberType type = parser.getNumberType();
		return (type == JsonParser.NumberType.INT || type == JsonParser.NumberType.LONG) ? parser.getLongValue() : null;
	}

	/** A value of the type, to check that the shortcut agrees with the mapper. */
	Object sample() {
		return this.sample;
	}

	/** The converter that reads and writes what is not the type's natural token or value. */
	Converter<Object> jackson() {
		return this.jackson;
	}

	@Override
	public @Nullable Object read(JsonParser parser) {
		Object value = this.reader.read(parser, parser.currentToken());
		return (value != null) ? value : this.jackson.read(parser);
	}

	@Override
	public void write(JsonGenerator generator, @Nullable Object value) {
		if (this.natural.test(value)) {
			this.writer.write(generator, value);
		}
		else {
			this.jackson.write(generator, value);
		}
	}

	/** Reads the value if the token is its natural one, else returns {@code null}. */
	@FunctionalInterface
	private interface NaturalReader {

		@Nullable Object read(JsonParser parser, JsonToken token);

	}

	/** Writes a value of the type. */
	@FunctionalInterface
	private interface NaturalWriter {

		void write(JsonGenerator generator, Object value);

	}

}
