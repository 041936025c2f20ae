package io.quickrpc.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.beans.PropertyDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;

import io.quickrpc.spi.Registry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The configuration metadata the build generates, which IDEs read: every property of
 * {@code quickrpc.apis.*}, with its description and default, hints with the shorthands the
 * registries know, and the actuator properties.
 */
class QuickRpcMetadataTests {

	private static final String PREFIX = "quickrpc.apis.*.";

	private final JsonNode metadata = JsonMapper.shared()
		.readTree(Files.readString(Path.of(System.getProperty("basedir", "."),
				"target/classes/META-INF/spring-configuration-metadata.json")));

	QuickRpcMetadataTests() throws Exception {
	}

	@Test
	void everyPropertyOfAnApiIsDescribedWithItsDefault() {
		Map<String, JsonNode> described = properties();
		Map<String, Object> expected = new HashMap<>();
		collect("", new QuickRpcProperties.Api(), expected);

		assertThat(expected).as("properties found").hasSizeGreaterThan(25);
		List<String> problems = new ArrayList<>();
		expected.forEach((name, value) -> {
			JsonNode property = described.get(PREFIX + name);
			if (property == null) {
				problems.add(PREFIX + name + " is not described; add it to additional-spring-configuration-metadata.json");
				return;
			}
			if (property.path("description").asString("").isBlank()) {
				problems.add(PREFIX + name + " has no description");
			}
			if (value != null && !sameValue(value, property.get("defaultValue"))) {
				problems.add(PREFIX + name + " has default " + property.get("defaultValue") + ", but the property's is "
						+ value);
			}
		});
		described.keySet().stream().filter((name) -> name.startsWith(PREFIX))
			.filter((name) -> !expected.containsKey(name.substring(PREFIX.length())))
			.forEach((name) -> problems.add(name + " is described but is no property"));
		assertThat(problems).isEmpty();
	}

	@Test
	void expressionHintsListTheShorthandsTheRegistriesKnow() {
		assertThat(hintValues("transport")).isEqualTo(new TreeSet<>(Registry.transports().shorthands()));
		assertThat(hintValues("codec")).isEqualTo(new TreeSet<>(Registry.codecs().shorthands()));
		assertThat(hintValues("security")).isEqualTo(new TreeSet<>(Registry.securities().shorthands()));
	}

	@Test
	void actuatorPropertiesAreDescribed() {
		Map<String, JsonNode> described = properties();
		assertThat(described.get("management.health.quickrpc.enabled").get("defaultValue").asBoolean()).isTrue();
		assertThat(described).containsKeys("management.endpoint.quickrpc.access",
				"management.endpoint.quickrpc.cache.time-to-live");
	}

	@Test
	void clientScriptPropertyIsDescribed() {
		JsonNode property = properties().get("quickrpc.web.client-script.enabled");
		assertThat(property.get("defaultValue").asBoolean()).isTrue();
		assertThat(property.path("description").asString("")).contains("/quickrpc/quickrpc.js");
	}

	@Test
	void natsPropertiesAreDescribedWithTheLibrarysDefaults() {
		Map<String, JsonNode> described = properties();
		List<String> names = List.of("servers", "user", "password", "token", "credentials", "nkey-seed", "ssl.bundle",
				"connection-name", "connect-timeout", "max-reconnects", "reconnect-wait", "discovery-wait",
				"service-version", "presence.interval", "presence.timeout");
		for (String name : names) {
			assertThat(described.get("quickrpc.nats." + name)).as("quickrpc.nats." + name).isNotNull();
			assertThat(described.get("quickrpc.nats." + name).path("description").asString(""))
				.as("description of quickrpc.nats." + name).isNotBlank();
		}
		assertThat(described.keySet().stream().filter((name) -> name.startsWith("quickrpc.nats.")))
			.hasSize(names.size());
		assertThat(duration(described, "quickrpc.nats.presence.interval"))
			.isEqualTo(io.quickrpc.transport.nats.NatsOptions.DEFAULT_PRESENCE_INTERVAL);
		assertThat(duration(described, "quickrpc.nats.presence.timeout"))
			.isEqualTo(io.quickrpc.transport.nats.NatsOptions.DEFAULT_PRESENCE_TIMEOUT);
		assertThat(duration(described, "quickrpc.nats.discovery-wait"))
			.isEqualTo(io.quickrpc.transport.nats.NatsOptions.DEFAULT_DISCOVERY_WAIT);
	}

	private static Duration duration(Map<String, JsonNode> described, String name) {
		return DurationStyle.detectAndParse(described.get(name).get("defaultValue").asString());
	}

	private Map<String, JsonNode> properties() {
		Map<String, JsonNode> properties = new HashMap<>();
		this.metadata.get("properties").forEach((property) -> properties.put(property.get("name").asString(), property));
		return properties;
	}

	private Set<String> hintValues(String property) {
		for (JsonNode hint : this.metadata.get("hints")) {
			if (hint.get("name").asString().equals(PREFIX + property)) {
				Set<String> values = new TreeSet<>();
				hint.get("values").forEach((value) -> values.add(value.get("value").asString()));
				return values;
			}
		}
		throw new AssertionError("No hint for " + PREFIX + property);
	}

	/** Collects the properties of a properties object, kebab-case, with their defaults. */
	private static void collect(String prefix, Object properties, Map<String, Object> into) {
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(properties.getClass())) {
			if (descriptor.getReadMethod() == null || descriptor.getName().equals("class")) {
				continue;
			}
			String name = prefix + kebab(descriptor.getName());
			Object value;
			try {
				value = descriptor.getReadMethod().invoke(properties);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
			if (descriptor.getPropertyType().getDeclaringClass() == QuickRpcProperties.class) {
				collect(name + ".", value, into);
			}
			else {
				into.put(name, ((value instanceof Map<?, ?> map && map.isEmpty())
						|| (value instanceof java.util.Collection<?> list && list.isEmpty())) ? null : value);
			}
		}
	}

	private static String kebab(String camel) {
		return camel.chars().mapToObj((c) -> Character.isUpperCase(c) ? "-" + Character.toLowerCase((char) c)
				: String.valueOf((char) c)).collect(Collectors.joining());
	}

	private static boolean sameValue(Object value, JsonNode described) {
		if (described == null || described.isNull()) {
			return false;
		}
		if (value instanceof Duration duration) {
			return DurationStyle.detectAndParse(described.asString()).equals(duration);
		}
		if (value instanceof DataSize size) {
			return DataSize.parse(described.asString()).equals(size);
		}
		if (value instanceof Number number) {
			return described.isNumber() && described.asDouble() == number.doubleValue();
		}
		if (value instanceof Boolean bool) {
			return described.isBoolean() && described.asBoolean() == bool;
		}
		if (value instanceof Enum<?> constant) {
			return described.asString().equals(constant.name().toLowerCase(java.util.Locale.ROOT));
		}
		return described.asString().equals(value.toString());
	}

}
