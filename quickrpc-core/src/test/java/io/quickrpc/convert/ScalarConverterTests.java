package io.quickrpc.convert;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.ToStringSerializer;

/**
 * The shortcut for scalars must read and write exactly what Jackson does, failures included,
 * and must step aside where the application's mapper handles a scalar type itself.
 */
class ScalarConverterTests {

	private static final JsonFactory JSON = JsonFactory.builder().build();

	private static final List<Type> SCALARS = List.of(String.class, boolean.class, Boolean.class, int.class,
			Integer.class, long.class, Long.class, double.class, Double.class);

	private static final List<String> INPUTS = List.of("\"text\"", "\"grüße \\\"q\\\"\"", "\"12\"", "\"\"", "true", "false",
			"null", "0", "-7", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
			"1.5", "-0.0", "1e400", "[1]", "{\"a\":1}");

	private final JacksonConverterFactory factory = JacksonConverterFactory.create();

	@Test
	void readsEveryTokenAsJacksonDoes() {
		for (Type type : SCALARS) {
			Converter<?> converter = this.factory.converter(type);
			assertThat(converter).as("converter of %s", type).isInstanceOf(ScalarConverter.class);
			Converter<Object> jackson = ((ScalarConverter) converter).jackson();
			for (String input : INPUTS) {
				assertThat(readOrFailure(cast(converter), input)).as("%s read from %s", type, input)
					.isEqualTo(readOrFailure(jackson, input));
			}
		}
	}

	@Test
	void writesEveryValueAsJacksonDoes() {
		List<@Nullable Object> values = java.util.Arrays.asList("text", "grüße \"q\"\n\u0001", "", true, false, 0, -7,
				Integer.MAX_VALUE, Long.MIN_VALUE, 1.5, -0.0, Double.NaN, Double.POSITIVE_INFINITY, 1e300, null);
		for (Type type : SCALARS) {
			Converter<Object> converter = cast(this.factory.converter(type));
			Converter<Object> jackson = ((ScalarConverter) converter).jackson();
			for (Object value : values) {
				if (value == null || fits(type, value)) {
					assertThat(write(converter, value)).as("%s written as %s", value, type).isEqualTo(write(jackson, value));
				}
			}
		}
	}

	@Test
	void leavesScalarsThatTheMapperHandlesItselfToTheMapper() {
		SimpleModule trimming = new SimpleModule().addDeserializer(String.class, new ValueDeserializer<String>() {

			@Override
			public String deserialize(JsonParser parser, DeserializationContext context) {
				return parser.getString().trim();
			}

		});
		JacksonConverterFactory custom = JacksonConverterFactory.create(JsonMapper.builder().addModule(trimming).build());
		Converter<Object> converter = cast(custom.converter(String.class));
		assertThat(converter).isNotInstanceOf(ScalarConverter.class);
		assertThat(readOrFailure(converter, "\" padded \"")).isEqualTo("value padded (String)");
		assertThat(custom.converter(long.class)).isInstanceOf(ScalarConverter.class);
	}

	@Test
	void leavesScalarsThatTheMapperWritesOtherwiseToTheMapper() {
		SimpleModule longsAsStrings = new SimpleModule().addSerializer(Long.class, ToStringSerializer.instance);
		JacksonConverterFactory forJavaScript = JacksonConverterFactory
			.create(JsonMapper.builder().addModule(longsAsStrings).build());
		Converter<Object> converter = cast(forJavaScript.converter(Long.class));
		assertThat(converter).isNotInstanceOf(ScalarConverter.class);
		assertThat(write(converter, 5L)).isEqualTo("\"5\"");

		JacksonConverterFactory wrapping = JacksonConverterFactory
			.create(JsonMapper.builder().enable(SerializationFeature.WRAP_ROOT_VALUE).build());
		assertThat(wrapping.converter(int.class)).isNotInstanceOf(ScalarConverter.class);
		assertThat(write(cast(wrapping.converter(Integer.class)), 5)).isEqualTo("{\"Integer\":5}");
	}

	private static boolean fits(Type type, Object value) {
		Class<?> boxed = switch (type.getTypeName()) {
			case "boolean" -> Boolean.class;
			case "int" -> Integer.class;
			case "long" -> Long.class;
			case "double" -> Double.class;
			default -> (Class<?>) type;
		};
		return boxed.isInstance(value);
	}

	private static Object readOrFailure(Converter<Object> converter, String input) {
		try (JsonParser parser = JSON.createParser(ObjectReadContext.empty(), input)) {
			parser.nextToken();
			Object value = converter.read(parser);
			return "value " + value + " (" + ((value != null) ? value.getClass().getSimpleName() : "null") + ")";
		}
		catch (RuntimeException ex) {
			return "failure " + ex.getClass().getSimpleName();
		}
	}

	private static String write(Converter<Object> converter, @Nullable Object value) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (JsonGenerator generator = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
			converter.write(generator, value);
		}
		return out.toString(StandardCharsets.UTF_8);
	}

	@SuppressWarnings("unchecked")
	private static Converter<Object> cast(Converter<?> converter) {
		return (Converter<Object>) converter;
	}

}
