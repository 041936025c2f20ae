package io.quickrpc.convert;

import java.io.StringWriter;
import java.lang.reflect.Type;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Converts every type with a Jackson {@link JsonMapper}, to which it adds the wire form of
 * {@code byte[]} that the Python original uses, {@code {"__bytes": "<base64>"}}, at any depth
 * (also inside values declared as {@code Object}, maps and lists).
 */
public final class JacksonConverterFactory implements Converter.Factory {

	private static final String JACKSON_PACKAGE = "tools.jackson.databind.";

	private final JsonMapper mapper;

	private JacksonConverterFactory(JsonMapper mapper) {
		this.mapper = mapper.rebuild().addModule(BytesModule.INSTANCE).build();
	}

	/**
	 * Returns a factory with Jackson's default settings.
	 * @return the factory
	 */
	public static JacksonConverterFactory create() {
		return create(JsonMapper.builder().build());
	}

	/**
	 * Returns a factory that converts with a mapper of the application's, such as Spring Boot's.
	 * @param mapper the mapper, whose modules and settings apply
	 * @return the factory
	 */
	public static JacksonConverterFactory create(JsonMapper mapper) {
		return new JacksonConverterFactory(mapper);
	}

	@Override
	public Converter<?> converter(Type type) {
		JavaType javaType = this.mapper.constructType(type);
		// the value is one member of a message: what follows it is the rest of the message
		JacksonConverter jackson = new JacksonConverter(
				this.mapper.readerFor(javaType).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS),
				this.mapper.writerFor(javaType).without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE));
		ScalarConverter scalar = ScalarConverter.of(type, jackson);
		return (scalar != null && handledByJackson(javaType) && agreeOnSample(scalar, jackson)) ? scalar : jackson;
	}

	/**
	 * Whether the mapper reads and writes the type with Jackson's own deserializer and serializer,
	 * not with ones a module or the application added: only then may a scalar take a shortcut.
	 */
	private boolean handledByJackson(JavaType type) {
		String serializer = this.mapper._serializationContext().findRootValueSerializer(type).getClass().getName();
		String deserializer = this.mapper._deserializationContext().findRootValueDeserializer(type).getClass().getName();
		return serializer.startsWith(JACKSON_PACKAGE) && deserializer.startsWith(JACKSON_PACKAGE);
	}

	/**
	 * Whether the shortcut writes and reads the type's sample value as the mapper does: not so
	 * where the application made Jackson write it otherwise, as a string (a {@code Long} for
	 * JavaScript), wrapped in its type's name, or with type information.
	 */
	private boolean agreeOnSample(ScalarConverter scalar, Converter<Object> jackson) {
		try {
			String written = write(scalar, scalar.sample());
			return written.equals(write(jackson, scalar.sample()))
					&& scalar.sample().equals(read(jackson, written)) && scalar.sample().equals(read(scalar, written));
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private String write(Converter<Object> converter, Object value) {
		StringWriter out = new StringWriter();
		try (JsonGenerator generator = this.mapper.createGenerator(out)) {
			converter.write(generator, value);
		}
		return out.toString();
	}

	private @Nullable Object read(Converter<Object> converter, String json) {
		try (JsonParser parser = this.mapper.createParser(json)) {
			parser.nextToken();
			return converter.read(parser);
		}
	}

	@Override
	public String toString() {
		return "JacksonConverterFactory";
	}

	/** Reads and writes one type with the reader and writer built for it once. */
	private record JacksonConverter(ObjectReader reader, ObjectWriter writer) implements Converter<Object> {

		@Override
		public @Nullable Object read(JsonParser parser) {
			return this.reader.readValue(parser);
		}

		@Override
		public void write(JsonGenerator generator, @Nullable Object value) {
			this.writer.writeValue(generator, value);
		}

	}

}
