package io.quickrpc;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

import io.quickrpc.convert.Converter;
import io.quickrpc.convert.JacksonConverterFactory;

/**
 * The converter factories of one endpoint, asked in order for each type of its API when it is
 * built: the user's first, Jackson's last, which takes every type.
 */
final class Converters {

	private final List<Converter.Factory> factories;

	Converters(List<Converter.Factory> factories, JacksonConverterFactory jackson) {
		List<Converter.Factory> all = new ArrayList<>(factories);
		all.add(jackson);
		this.factories = List.copyOf(all);
	}

	/**
	 * Returns the converter of the first factory that takes the type.
	 * @throws IllegalStateException if none does, listing the factories
	 */
	@SuppressWarnings("unchecked")
	Converter<Object> converter(Type type) {
		for (Converter.Factory factory : this.factories) {
			Converter<?> converter = factory.converter(type);
			if (converter != null) {
				return (Converter<Object>) converter;
			}
		}
		throw new IllegalStateException("No converter for " + type.getTypeName() + "; tried " + this.factories);
	}

}
