package io.quickrpc.codec;

import java.math.BigDecimal;
import java.util.Base64;
import java.util.Map;
import java.util.function.Consumer;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;

/**
 * Reads and writes JSON values as trees, with bytes as {@code {"__bytes": "<base64>"}} the way
 * the Python original writes them: the form in which the terse codec handles values.
 */
final class JsonValues {

	static final String BYTES_KEY = "__bytes";

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private JsonValues() {
	}

	/**
	 * Reads the value whose first token is current, to its end. A malformed {@code __bytes}
	 * object is read as it is, and a key that occurs twice in one object keeps its last value;
	 * both are reported to {@code problems}.
	 */
	static JsonNode read(JsonParser parser, Consumer<String> problems) {
		JsonToken token = parser.currentToken();
		switch (token) {
			case START_OBJECT:
				ObjectNode object = NODES.objectNode();
				while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
					String name = parser.currentName();
					parser.nextToken();
					if (object.replace(name, read(parser, problems)) != null) {
						problems.accept("key '" + name + "' occurs more than once in one object");
					}
				}
				return object.has(BYTES_KEY) ? bytes(object, problems) : object;
			case START_ARRAY:
				ArrayNode array = NODES.arrayNode();
				while (parser.nextToken() != JsonToken.END_ARRAY) {
					array.add(read(parser, problems));
				}
				return array;
			case VALUE_STRING:
				return NODES.stringNode(parser.getString());
			case VALUE_NUMBER_INT:
				return switch (parser.getNumberType()) {
					case INT -> NODES.numberNode(parser.getIntValue());
					case LONG -> NODES.numberNode(parser.getLongValue());
					default -> NODES.numberNode(parser.getBigIntegerValue());
				};
			case VALUE_NUMBER_FLOAT:
				return decimal(parser);
			case VALUE_TRUE:
				return NODES.booleanNode(true);
			case VALUE_FALSE:
				return NODES.booleanNode(false);
			case VALUE_NULL:
				return NODES.nullNode();
			case VALUE_EMBEDDED_OBJECT:
				if (parser.getEmbeddedObject() instanceof byte[] bytes) {
					return NODES.binaryNode(bytes);
				}
				throw new IllegalArgumentException("unexpected embedded " + parser.getEmbeddedObject());
			default:
				throw new IllegalArgumentException("unexpected JSON token " + token);
		}
	}

	/** A double where it holds the number exactly, else a BigDecimal: no digit is lost. */
	private static JsonNode decimal(JsonParser parser) {
		if (parser.isNaN()) {
			return NODES.numberNode(parser.getDoubleValue());
		}
		BigDecimal exact = parser.getDecimalValue();
		if (exact.signum() == 0) {
			// BigDecimal has no negative zero: take the sign from the text
			return NODES.numberNode(parser.getString().startsWith("-") ? -0.0 : 0.0);
		}
		double value = exact.doubleValue();
		if (!Double.isInfinite(value) && BigDecimal.valueOf(value).compareTo(exact) == 0) {
			return NODES.numberNode(value);
		}
		return NODES.numberNode(exact);
	}

	private static JsonNode bytes(ObjectNode object, Consumer<String> problems) {
		JsonNode encoded = object.get(BYTES_KEY);
		if (!encoded.isString()) {
			problems.accept("'" + BYTES_KEY + "' must hold a base64 string, not " + encoded);
			return object;
		}
		try {
			return NODES.binaryNode(Base64.getDecoder().decode(encoded.stringValue()));
		}
		catch (IllegalArgumentException ex) {
			problems.accept("'" + BYTES_KEY + "' does not hold valid base64: " + ex.getMessage());
			return object;
		}
	}

	/**
	 * Writes a value; binary nodes become {@code __bytes} objects.
	 */
	static void write(JsonGenerator generator, JsonNode node) {
		switch (node.getNodeType()) {
			case OBJECT -> {
				generator.writeStartObject();
				for (Map.Entry<String, JsonNode> property : node.properties()) {
					generator.writeName(property.getKey());
					write(generator, property.getValue());
				}
				generator.writeEndObject();
			}
			case ARRAY -> {
				generator.writeStartArray();
				for (JsonNode element : node) {
					write(generator, element);
				}
				generator.writeEndArray();
			}
			case BINARY, POJO -> {
				generator.writeStartObject();
				generator.writeName(BYTES_KEY);
				generator.writeString(Base64.getEncoder().encodeToString(bytes(node)));
				generator.writeEndObject();
			}
			case STRING -> generator.writeString(node.stringValue());
			case NUMBER -> writeNumber(generator, node);
			case BOOLEAN -> generator.writeBoolean(node.booleanValue());
			default -> generator.writeNull();
		}
	}

	/**
	 * Returns the bytes of a binary node, or of a POJO node holding a {@code byte[]}, as Jackson's
	 * {@code valueToTree} makes of one.
	 * @throws IllegalArgumentException for a POJO node holding anything else
	 */
	static byte[] bytes(JsonNode node) {
		if (node instanceof POJONode pojo) {
			if (pojo.getPojo() instanceof byte[] bytes) {
				return bytes;
			}
			throw new IllegalArgumentException("cannot encode " + pojo.getPojo().getClass().getName()
					+ " as JSON; convert it to a tree with the JsonMapper first");
		}
		return node.binaryValue();
	}

	private static void writeNumber(JsonGenerator generator, JsonNode node) {
		switch (node.numberType()) {
			case INT -> generator.writeNumber(node.intValue());
			case LONG -> generator.writeNumber(node.longValue());
			case BIG_INTEGER -> generator.writeNumber(node.bigIntegerValue());
			case FLOAT -> generator.writeNumber(node.floatValue());
			case DOUBLE -> generator.writeNumber(node.doubleValue());
			default -> generator.writeNumber(node.decimalValue());
		}
	}

}
