package io.quickrpc.spring;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactoryUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

import io.quickrpc.RpcEndpoint;
import io.quickrpc.codec.Codec;
import io.quickrpc.convert.Converter;
import io.quickrpc.security.HmacKeys;
import io.quickrpc.security.Security;
import io.quickrpc.spi.InvalidExpressionException;
import io.quickrpc.spi.Registry;
import io.quickrpc.transport.Transport;
import io.quickrpc.transport.TransportException;
import io.quickrpc.transport.composite.CompositeTransports;
import io.quickrpc.transport.composite.RestartOptions;
import io.quickrpc.transport.network.NetworkOptions;
import tools.jackson.databind.json.JsonMapper;

/**
 * Creates the endpoint of one API from its properties and the beans that may replace them. A
 * {@code tcp:}, {@code ws:} or {@code wss:} client is kept by a restarting transport, so that it starts while its server is
 * down and reconnects with backoff.
 */
final class EndpointFactory {

	/** The virtual-thread executor, created on first use, on JVMs that have one. */
	private static final class VirtualThreads {

		static final Executor EXECUTOR = create();

		private static Executor create() {
			try {
				return (Executor) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("This JVM announces virtual threads but cannot create them", ex);
			}
		}

	}

	private EndpointFactory() {
	}

	static <T> RpcEndpoint<T> create(Class<T> type, String name, ConfigurableListableBeanFactory beanFactory) {
		QuickRpcProperties.Api api = properties(beanFactory).getApis().get(name);
		if (api == null) {
			api = new QuickRpcProperties.Api();
		}
		RpcEndpoint.Builder<T> builder = RpcEndpoint.builder(type).name(name);
		PropertyMapper map = PropertyMapper.get();
		map.from(api.getCodec()).to(builder::codec);
		if (HmacSettings.SHORTHAND.equals(api.getSecurity())) {
			HmacKeys keys = beanFactory.getBeanProvider(HmacKeys.class).getIfUnique();
			builder.security(HmacSettings.of(name, api.getHmac(), keys));
		}
		else {
			map.from(api.getSecurity()).to(builder::security);
		}
		map.from(api.isInvert()).to(builder::inverted);
		map.from(api.getReplyTimeout()).to(builder::replyTimeout);
		map.from(api.getMaxPendingReplies()).to(builder::maxPendingReplies);
		map.from(api.getHandlerConcurrency()).to(builder::handlerConcurrency);
		map.from(api.getShutdownGrace()).to(builder::shutdownGrace);
		map.from(api.getMaxQueuedCalls()).to(builder::maxQueuedCalls);
		map.from(api.getMaxQueuedCallsPerPeer()).to(builder::maxQueuedCallsPerPeer);
		map.from(api.getMaxQueuedCallBytesPerPeer()).as(DataSize::toBytes).to(builder::maxQueuedCallBytesPerPeer);
		map.from(api.isSendStackTraces()).to(builder::sendStackTraces);
		NetworkOptions networkOptions = NetworkSettings.of(name, api, beanFactory.getBeanProvider(SslBundles.class));
		builder.networkOptions(networkOptions);
		Codec codec = qualified(beanFactory, Codec.class, name);
		Registry<Transport> transports = WebSettings.apply(NatsSettings.apply(Registry.transports(), beanFactory),
				beanFactory, api, (codec != null) ? codec.toString() : api.getCodec());
		builder.transportRegistry(transports);
		Transport transport = qualified(beanFactory, Transport.class, name);
		Security security = qualified(beanFactory, Security.class, name);
		map.from(codec).to(builder::codec);
		map.from(security).to(builder::security);
		String expression = api.getTransport();
		if (transport != null) {
			builder.transport(transport);
		}
		else if (expression == null) {
			throw new MissingTransportException(name, type.getName());
		}
		else if (PlaceholderTransport.hasPlaceholder(expression)) {
			QuickRpcProperties.Api settings = api;
			builder.transport(new PlaceholderTransport(expression, beanFactory.getBean(Environment.class),
					(resolved) -> resolvedTransport(type, name, settings, resolved, transports, networkOptions)));
		}
		else if (isNetworkClient(expression)) {
			builder.transport(reconnecting(type, name, api, expression, transports, networkOptions));
		}
		else {
			builder.transport(expression);
		}
		api.getMethods().forEach((method, settings) -> map.from(settings.getReplyTimeout())
			.to((timeout) -> builder.replyTimeout(method, timeout)));
		beanFactory.getBeanProvider(JsonMapper.class).ifAvailable(builder::jsonMapper);
		beanFactory.getBeanProvider(Converter.Factory.class).orderedStream().forEach(builder::converterFactory);
		Executor virtualThreads = virtualThreads(beanFactory.getBean(Environment.class));
		if (virtualThreads != null) {
			builder.handlerExecutor(virtualThreads);
		}
		if (api.isHandlersOnReceivingThread()) {
			builder.handlersOnReceivingThread();
		}
		beanFactory.getBeanProvider(RpcEndpointBuilderCustomizer.class)
			.orderedStream()
			.forEach((customizer) -> customizer.customize(name, builder));
		try {
			return builder.build();
		}
		catch (InvalidExpressionException ex) {
			throw invalidExpression(type, name, api, ex);
		}
		catch (IllegalArgumentException ex) {
			if (api.getMethods().isEmpty() || !String.valueOf(ex.getMessage()).startsWith("Cannot set a reply timeout")) {
				throw ex;
			}
			String property = "quickrpc.apis." + name + ".methods";
			throw new QuickRpcStartupException("quickrpc API '" + name + "' (" + type.getName() + ") has an invalid "
					+ property + ": " + ex.getMessage(),
					"Correct the method names under " + property + ": name a method that this side calls and that has "
							+ "a reply (with invert: " + api.isInvert() + ", the " + (api.isInvert() ? "@Incoming" : "@Outgoing")
							+ " methods that do not return void).",
					name, RemoteApiRegistrar.endpointBeanName(name), property, ex);
		}
	}

	/**
	 * Returns the transport of an expression whose placeholders were resolved when it started.
	 */
	private static Transport resolvedTransport(Class<?> type, String name, QuickRpcProperties.Api api,
			String expression, Registry<Transport> transports, NetworkOptions networkOptions) {
		try {
			return isNetworkClient(expression) ? reconnecting(type, name, api, expression, transports, networkOptions)
					: transports.with(NetworkOptions.class, networkOptions).create(expression);
		}
		catch (InvalidExpressionException ex) {
			throw new TransportException("quickrpc.apis." + name + ".transport resolves to an invalid expression: "
					+ ex.getMessage(), ex);
		}
	}

	static boolean isNetworkClient(String expression) {
		String stripped = expression.strip();
		return stripped.startsWith("tcp:") || stripped.startsWith("ws:") || stripped.startsWith("wss:");
	}

	/**
	 * Returns the transport of a client, kept running by a restarting transport: it connects in
	 * the background (or at once with fail-fast) and reconnects with backoff.
	 */
	private static Transport reconnecting(Class<?> type, String name, QuickRpcProperties.Api api, String expression,
			Registry<Transport> transports, NetworkOptions networkOptions) {
		Transport client;
		try {
			client = transports.with(NetworkOptions.class, networkOptions).create(expression);
		}
		catch (InvalidExpressionException ex) {
			throw invalidExpression(type, name, api, ex);
		}
		QuickRpcProperties.Reconnect reconnect = api.getReconnect();
		RestartOptions options;
		try {
			options = RestartOptions.builder()
				.initialDelay(reconnect.getInitialDelay())
				.maxDelay(reconnect.getMaxDelay())
				.multiplier(reconnect.getMultiplier())
				.failFast(api.isFailFast())
				.build();
		}
		catch (IllegalArgumentException ex) {
			String property = "quickrpc.apis." + name + ".reconnect";
			throw new QuickRpcStartupException("quickrpc API '" + name + "' (" + type.getName() + ") has an invalid "
					+ property + ": " + ex.getMessage(),
					"Correct " + property + ".initial-delay, max-delay or multiplier: delays of at least 1 ms, the "
							+ "maximum not shorter than the initial delay, a multiplier of at least 1.",
					name, RemoteApiRegistrar.endpointBeanName(name), property, ex);
		}
		return CompositeTransports.restart(client, options);
	}

	/**
	 * Returns the failure of an expression that a property holds, naming the API and the
	 * property; the failure itself if it comes from elsewhere, such as a customizer.
	 */
	private static RuntimeException invalidExpression(Class<?> type, String name, QuickRpcProperties.Api api,
			InvalidExpressionException ex) {
		String value = switch (ex.kind()) {
			case "codec" -> api.getCodec();
			case "security" -> api.getSecurity();
			default -> api.getTransport();
		};
		if (value == null || !value.contains(ex.expression())) {
			return ex;
		}
		String property = "quickrpc.apis." + name + "." + ex.kind();
		return new QuickRpcStartupException("quickrpc API '" + name + "' (" + type.getName() + ") has an invalid "
				+ ex.kind() + " in " + property + ": " + ex.getMessage(),
				"Correct " + property + " ('" + value + "'). Known " + ex.kind() + " shorthands: "
						+ String.join(", ", ex.knownShorthands()) + ".",
				name, RemoteApiRegistrar.endpointBeanName(name), property, ex);
	}

	/**
	 * Returns an executor that starts a virtual thread per task when
	 * {@code spring.threads.virtual.enabled} is set and the JVM has virtual threads (Java 21+).
	 */
	private static @Nullable Executor virtualThreads(Environment environment) {
		if (!environment.getProperty("spring.threads.virtual.enabled", Boolean.class, false)
				|| Runtime.version().feature() < 21) {
			return null;
		}
		return VirtualThreads.EXECUTOR;
	}

	private static QuickRpcProperties properties(ConfigurableListableBeanFactory beanFactory) {
		QuickRpcProperties properties = beanFactory.getBeanProvider(QuickRpcProperties.class).getIfAvailable();
		if (properties != null) {
			return properties;
		}
		Environment environment = beanFactory.getBean(Environment.class);
		return Binder.get(environment).bindOrCreate("quickrpc", QuickRpcProperties.class);
	}

	private static <C> @Nullable C qualified(ConfigurableListableBeanFactory beanFactory, Class<C> type, String name) {
		if (BeanFactoryUtils.beanNamesForTypeIncludingAncestors(beanFactory, type).length == 0) {
			return null;
		}
		try {
			return BeanFactoryAnnotationUtils.qualifiedBeanOfType(beanFactory, type, name);
		}
		catch (NoSuchBeanDefinitionException ex) {
			return null;
		}
	}

}
