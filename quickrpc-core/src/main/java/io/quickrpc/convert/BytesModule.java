package io.quickrpc.convert;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.deser.std.StdDeserializer;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * The Python original's form of bytes, {@code {"__bytes": "<base64>"}}: {@code byte[]} is written
 * so and read from it (or from a base64 string, or a codec's binary token), and inside values
 * declared as {@code Object} such an object is read as {@code byte[]}, at any depth.
 */
final class BytesModule extends SimpleModule {

	static final String KEY = "__bytes";

	static final BytesModule INSTANCE = new BytesModule();

	private static final long serialVersionUID = 1L;

	private BytesModule() {
		super("quickrpc-bytes");
		addSerializer(byte[].class, new BytesSerializer());
		addDeserializer(byte[].class, new BytesDeserializer());
		addDeserializer(Object.class, new UntypedDeserializer());
	}

	static byte[] decode(String base64, DeserializationContext context) {
		try {
			return Base64.getDecoder().decode(base64);
		}
		catch (IllegalArgumentException ex) {
			throw context.weirdStringException(base64, byte[].class, "'" + KEY + "' does not hold valid base64: "
					+ ex.getMessage());
		}
	}

	private static final class BytesSerializer extends StdSerializer<byte[]> {

		BytesSerializer() {
			super(byte[].class);
		}

		@Override
		public void serialize(byte[] value, JsonGenerator generator, SerializationContext context) {
			generator.writeStartObject();
			generator.writeName(KEY);
			generator.writeString(Base64.getEncoder().encodeToString(value));
			generator.writeEndObject();
		}

	}

	private static final class BytesDeserializer extends StdDeserializer<byte[]> {

		BytesDeserializer() {
			super(byte[].class);
		}

		@Override
		public byte[] deserialize(JsonParser parser, DeserializationContext context) {
			JsonToken token = parser.currentToken();
			if (token == JsonToken.VALUE_STRING || token == JsonToken.VALUE_EMBEDDED_OBJECT) {
				return parser.getBinaryValue();
			}
			if (token != JsonToken.START_OBJECT || parser.nextToken() != JsonToken.PROPERTY_NAME
					|| !KEY.equals(parser.currentName()) || parser.nextToken() != JsonToken.VALUE_STRING) {
				return (byte[]) context.handleUnexpectedToken(byte[].class, parser);
			}
			byte[] bytes = decode(parser.getString(), context);
			if (parser.nextToken() != JsonToken.END_OBJECT) {
				return (byte[]) context.handleUnexpectedToken(byte[].class, parser);
			}
			return bytes;
		}

	}

	/** Values declared as {@code Object}: maps, lists, strings, numbers, booleans, and bytes. */
	private static final class UntypedDeserializer extends StdDeserializer<Object> {

		UntypedDeserializer() {
			super(Object.class);
		}

		@Override
		public @Nullable Object deserialize(JsonParser parser, DeserializationContext context) {
			JsonToken token = parser.currentToken();
			switch (token) {
				case START_OBJECT -> {
					Map<String, @Nullable Object> object = new LinkedHashMap<>();
					while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
						String name = parser.currentName();
						parser.nextToken();
						object.put(name, deserialize(parser, context));
					}
					if (object.size() == 1 && object.get(KEY) instanceof String base64) {
						return decode(base64, context);
					}
					return object;
				}
				case START_ARRAY -> {
					List<@Nullable Object> array = new ArrayList<>();
					while (parser.nextToken() != JsonToken.END_ARRAY) {
						array.add(deserialize(parser, context));
					}
					return array;
				}
				case VALUE_STRING -> {
					return parser.getString();
				}
				case VALUE_NUMBER_INT -> {
					return parser.getNumberValue();
				}
				case VALUE_NUMBER_FLOAT -> {
					return decimal(parser, context);
				}
				case VALUE_TRUE -> {
					return Boolean.TRUE;
				}
				case VALUE_FALSE -> {
					return Boolean.FALSE;
				}
				case VALUE_EMBEDDED_OBJECT -> {
					return parser.getEmbeddedObject();
				}
				case VALUE_NULL -> {
					return null;
				}
				default -> {
					return context.handleUnexpectedToken(Object.class, parser);
				}
			}
		}

		/** A double, or a BigDecimal where the mapper wants every digit kept. */
		private static Object decimal(JsonParser parser, DeserializationContext context) {
			if (parser.isNaN() || !context.isEnabled(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)) {
				return parser.getDoubleValue();
			}
			return parser.getDecimalValue();
		}

		@Override
		public @Nullable Object getNullValue(DeserializationContext context) {
			return null;
		}

	}

}
