package io.quickrpc.spring;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

import io.quickrpc.codec.CodecFactory;
import io.quickrpc.security.SecurityFactory;
import io.quickrpc.transport.TransportFactory;

/**
 * Runtime hints for what quickrpc itself loads reflectively: the codec, transport and security
 * factories that {@link java.util.ServiceLoader} finds, and the virtual-thread executor.
 */
final class QuickRpcRuntimeHints implements RuntimeHintsRegistrar {

	static final List<Class<?>> FACTORY_TYPES = List.of(CodecFactory.class, TransportFactory.class,
			SecurityFactory.class);

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		ClassLoader loader = (classLoader != null) ? classLoader : QuickRpcRuntimeHints.class.getClassLoader();
		for (Class<?> factoryType : FACTORY_TYPES) {
			String services = "META-INF/services/" + factoryType.getName();
			hints.resources().registerPattern(services);
			for (String provider : providers(loader, services)) {
				hints.reflection().registerType(TypeReference.of(provider), MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
			}
		}
		hints.reflection().registerType(java.util.concurrent.Executors.class, (type) -> type
			.withMethod("newVirtualThreadPerTaskExecutor", List.of(), ExecutableMode.INVOKE));
	}

	private static List<String> providers(ClassLoader loader, String resource) {
		try {
			List<String> providers = new java.util.ArrayList<>();
			Enumeration<URL> urls = loader.getResources(resource);
			while (urls.hasMoreElements()) {
				try (BufferedReader reader = new BufferedReader(
						new InputStreamReader(urls.nextElement().openStream(), StandardCharsets.UTF_8))) {
					reader.lines()
						.map((line) -> line.replaceFirst("#.*", "").strip())
						.filter((line) -> !line.isEmpty())
						.forEach(providers::add);
				}
			}
			return providers;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read " + resource, ex);
		}
	}

}
