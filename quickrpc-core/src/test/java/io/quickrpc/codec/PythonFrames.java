package io.quickrpc.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The frames the Python original wrote, from the test resource {@code wire/frames.json} (its
 * README says what each entry holds).
 */
final class PythonFrames {

	private static final String RESOURCE = "/wire/frames.json";

	private PythonFrames() {
	}

	/** Returns the entries written with codecs whose expression starts with {@code codecPrefix}. */
	static List<JsonNode> entries(String codecPrefix) {
		List<JsonNode> entries = new ArrayList<>();
		for (JsonNode entry : all()) {
			if (entry.get("codec").stringValue().startsWith(codecPrefix)) {
				entries.add(entry);
			}
		}
		return entries;
	}

	private static JsonNode all() {
		try (InputStream in = PythonFrames.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new IllegalStateException(RESOURCE + " is not on the test class path");
			}
			return JsonMapper.builder().build().readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + RESOURCE, ex);
		}
	}

}
