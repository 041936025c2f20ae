package io.quickrpc.codec;

import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;

/**
 * Values as Jackson trees, so codec tests can build and compare messages without an endpoint:
 * bytes are binary nodes, and numbers keep every digit.
 */
final class Trees {

	/** Reads any value into a {@link Tree}. */
	static final ValueReader READER = Trees::read;

	private Trees() {
	}

	/** Returns a value that writes this tree. */
	static Value tree(JsonNode node) {
		return new Tree(node);
	}

	/** Returns the tree of a value that {@link #READER} read or {@link #tree(JsonNode)} made. */
	static JsonNode node(Value value) {
		return ((Tree) value).node();
	}

	private static Value read(JsonParser parser) {
		return new Tree(JsonValues.read(parser, (problem) -> {
		}));
	}

	/** A value as a tree. */
	record Tree(JsonNode node) implements Value {

		@Override
		public void writeTo(JsonGenerator generator) {
			JsonValues.write(generator, this.node);
		}

	}

	/** A sink that reads every value as a tree. */
	abstract static class Sink implements StreamDecoder.Sink {

		@Override
		public ValueReader paramsReader(String method) {
			return READER;
		}

		@Override
		public ValueReader resultReader(RequestId id) {
			return READER;
		}

		@Override
		public ValueReader dataReader() {
			return READER;
		}

	}

}
