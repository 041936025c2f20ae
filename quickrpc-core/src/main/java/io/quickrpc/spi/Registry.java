package io.quickrpc.spi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.quickrpc.codec.Codec;
import io.quickrpc.codec.CodecFactory;
import io.quickrpc.security.Security;
import io.quickrpc.security.SecurityFactory;
import io.quickrpc.transport.Transport;
import io.quickrpc.transport.TransportFactory;

/**
 * Creates components from expressions such as {@code jrpc}, {@code tcpserv::8888} or
 * {@code null}, using the factory whose {@linkplain ComponentFactory#shorthand() shorthand}
 * starts the expression. The default registries ({@link #codecs()}, {@link #transports()},
 * {@link #securities()}) hold the factories that {@link ServiceLoader} finds on the class path,
 * so a library can add its own; tests can build a registry of their own with
 * {@link #of(String, Collection)}.
 *
 * @param <T> the kind of component
 */
public final class Registry<T> {

	private static final Map<Class<?>, Registry<?>> DEFAULTS = new ConcurrentHashMap<>();

	private final String kind;

	private final Map<String, ComponentFactory<T>> factories;

	private final List<String> shorthands;

	private final Map<Class<?>, Object> settings;

	private Registry(String kind, Collection<? extends ComponentFactory<T>> factories) {
		this.settings = Map.of();
		this.kind = kind;
		Map<String, ComponentFactory<T>> byShorthand = new TreeMap<>();
		for (ComponentFactory<T> factory : factories) {
			ComponentFactory<T> other = byShorthand.putIfAbsent(factory.shorthand(), factory);
			if (other != null) {
				throw new IllegalStateException("Two " + kind + " factories claim the shorthand '" + factory.shorthand()
						+ "': " + other.getClass().getName() + " and " + factory.getClass().getName()
						+ "; remove one of them from the class path (or its META-INF/services entry), or build a "
						+ "Registry.of(...) with the one you want");
			}
		}
		this.factories = Map.copyOf(byShorthand);
		this.shorthands = List.copyOf(byShorthand.keySet());
	}

	private Registry(Registry<T> registry, Map<Class<?>, Object> settings) {
		this.kind = registry.kind;
		this.factories = registry.factories;
		this.shorthands = registry.shorthands;
		this.settings = Map.copyOf(settings);
	}

	/**
	 * Returns a registry with the same factories that hands them a setting expressions do not
	 * carry, such as {@code NetworkOptions} for the network transports; it replaces a setting of
	 * the same type. Factories of nested expressions ({@code restart:(tcp:...)}) see it too.
	 * @param <S> the setting's type
	 * @param type the type factories ask for with {@link #setting(Class, Object)}
	 * @param setting the setting
	 * @return a new registry
	 */
	public <S> Registry<T> with(Class<S> type, S setting) {
		Map<Class<?>, Object> settings = new HashMap<>(this.settings);
		settings.put(type, type.cast(setting));
		return new Registry<>(this, settings);
	}

	/**
	 * Returns a setting given with {@link #with(Object)}.
	 * @param <S> the setting's type
	 * @param type the setting's class
	 * @param fallback what to return if there is no such setting
	 * @return the setting, or the fallback
	 */
	public <S> S setting(Class<S> type, S fallback) {
		Object setting = this.settings.get(type);
		return (setting != null) ? type.cast(setting) : fallback;
	}

	/**
	 * Creates a registry of the given factories.
	 * @param <T> the kind of component
	 * @param kind what the components are, for messages: {@code codec}, {@code transport}...
	 * @param factories the factories
	 * @return a new registry
	 * @throws IllegalStateException if two factories claim one shorthand, naming both
	 */
	public static <T> Registry<T> of(String kind, Collection<? extends ComponentFactory<T>> factories) {
		return new Registry<>(kind, factories);
	}

	/**
	 * Creates a registry of the factories that {@link ServiceLoader} finds.
	 * @param <T> the kind of component
	 * @param kind what the components are, for messages
	 * @param factoryType the service interface, such as {@link CodecFactory}
	 * @param classLoader the class loader to search
	 * @return a new registry
	 * @throws IllegalStateException if two factories claim one shorthand, naming both
	 */
	public static <T> Registry<T> load(String kind, Class<? extends ComponentFactory<T>> factoryType,
			ClassLoader classLoader) {
		List<ComponentFactory<T>> factories = new ArrayList<>();
		ServiceLoader.load(factoryType, classLoader).forEach(factories::add);
		return new Registry<>(kind, factories);
	}

	/**
	 * Returns the registry of codecs found on the class path, created once.
	 * @return the default codec registry
	 */
	public static Registry<Codec> codecs() {
		return defaults("codec", CodecFactory.class);
	}

	/**
	 * Returns the registry of transports found on the class path, created once.
	 * @return the default transport registry
	 */
	public static Registry<Transport> transports() {
		return defaults("transport", TransportFactory.class);
	}

	/**
	 * Returns the registry of security providers found on the class path, created once.
	 * @return the default security registry
	 */
	public static Registry<Security> securities() {
		return defaults("security", SecurityFactory.class);
	}

	/** Loads a default registry on first use; one that fails to load fails again, with its reason, every time. */
	@SuppressWarnings("unchecked")
	private static <T> Registry<T> defaults(String kind, Class<? extends ComponentFactory<T>> factoryType) {
		return (Registry<T>) DEFAULTS.computeIfAbsent(factoryType,
				(type) -> load(kind, factoryType, Registry.class.getClassLoader()));
	}

	/**
	 * Creates a component from an expression.
	 * @param expression the expression, such as {@code tcp:localhost:8888}
	 * @return a new component
	 * @throws InvalidExpressionException if the shorthand is unknown or the expression malformed;
	 * the message quotes the expression and lists the known shorthands
	 */
	public T create(String expression) {
		Expression parsed = Expression.parse(this.kind, expression, this.shorthands);
		ComponentFactory<T> factory = this.factories.get(parsed.shorthand());
		if (factory == null) {
			throw new InvalidExpressionException(this.kind, expression, "Unknown " + this.kind + " '"
					+ parsed.shorthand() + "' in expression '" + expression + "'. Known: " + knownSyntaxes()
					+ ". Check the spelling, or put the library that provides '" + parsed.shorthand()
					+ "' on the class path.", this.shorthands);
		}
		return factory.create(parsed, this);
	}

	/**
	 * Returns the known shorthands, sorted.
	 * @return the shorthands
	 */
	public List<String> shorthands() {
		return this.shorthands;
	}

	private String knownSyntaxes() {
		List<String> syntaxes = new ArrayList<>();
		this.factories.values().stream().map(ComponentFactory::syntax).sorted().forEach(syntaxes::add);
		return String.join(", ", syntaxes);
	}

}
