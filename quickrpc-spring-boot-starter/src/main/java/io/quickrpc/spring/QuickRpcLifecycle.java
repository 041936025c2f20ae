package io.quickrpc.spring;

import java.net.BindException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

import io.quickrpc.RpcEndpoint;
import io.quickrpc.transport.TransportException;

/**
 * Starts every endpoint when the context is ready, logging its API, transport and bound address,
 * and stops them on shutdown. Endpoints whose transport expression holds a placeholder, such as
 * {@code ${local.quickrpc.shop.port}}, start after the others, so that it names a port already
 * bound. Endpoints with {@code quickrpc.apis.NAME.auto-startup: false}, and those whose API bean
 * was replaced (by a test's mock, for example), are not started. Publishes the port each
 * listening transport bound as {@code local.quickrpc.NAME.port}. While a transport listens, a non-daemon thread,
 * {@value #KEEP_ALIVE_THREAD}, keeps the JVM alive, as Spring Boot's web, RSocket and gRPC servers
 * do, so that a server without a web server does not exit once started; it ends when the context
 * closes. A transport that cannot start fails the startup with a
 * {@link QuickRpcStartupException} naming the API and the property.
 */
final class QuickRpcLifecycle implements SmartLifecycle {

	static final String KEEP_ALIVE_THREAD = "quickrpc-keep-alive";

	private static final Log logger = LogFactory.getLog(QuickRpcLifecycle.class);

	private static final String PORTS = "quickrpc.ports";

	private final ObjectProvider<RpcEndpoint<?>> endpoints;

	private final ConfigurableEnvironment environment;

	private final QuickRpcProperties properties;

	private final ConfigurableListableBeanFactory beanFactory;

	private final ProxyBeanCreations proxyBeanCreations;

	private volatile boolean running;

	private @Nullable CountDownLatch keepAlive;

	QuickRpcLifecycle(ObjectProvider<RpcEndpoint<?>> endpoints, ConfigurableEnvironment environment,
			QuickRpcProperties properties, ConfigurableListableBeanFactory beanFactory,
			ProxyBeanCreations proxyBeanCreations) {
		this.endpoints = endpoints;
		this.environment = environment;
		this.properties = properties;
		this.beanFactory = beanFactory;
		this.proxyBeanCreations = proxyBeanCreations;
	}

	@Override
	public void start() {
		List<RpcEndpoint<?>> started = new ArrayList<>();
		try {
			this.endpoints.orderedStream()
				.filter(this::startsWithContext)
				.sorted(Comparator.comparing((endpoint) -> endpoint.transport() instanceof PlaceholderTransport))
				.forEach((endpoint) -> {
					start(endpoint);
					started.add(endpoint);
					publishPort(endpoint);
					logStarted(endpoint);
				});
		}
		catch (RuntimeException ex) {
			started.forEach(RpcEndpoint::stop);
			throw ex;
		}
		if (started.stream().anyMatch((endpoint) -> endpoint.transport().localAddress() != null)) {
			this.keepAlive = keepAlive();
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		try {
			this.endpoints.orderedStream().forEach(RpcEndpoint::stop);
		}
		finally {
			CountDownLatch keepAlive = this.keepAlive;
			this.keepAlive = null;
			if (keepAlive != null) {
				keepAlive.countDown();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Returns whether an endpoint starts with the context: unless its auto-startup is off, or its
	 * API bean is another object than the endpoint's proxy, which was never created, as with a
	 * test's {@code @MockitoBean}. A bean that wraps the created proxy, as {@code @MockitoSpyBean}
	 * does, calls the proxy, so its endpoint starts.
	 */
	private boolean startsWithContext(RpcEndpoint<?> endpoint) {
		String name = endpoint.name();
		QuickRpcProperties.Api api = this.properties.getApis().get(name);
		if (api != null && !api.isAutoStartup()) {
			logger.info("Not starting quickrpc API '" + name + "': quickrpc.apis." + name + ".auto-startup is false");
			return false;
		}
		String proxy = RemoteApiRegistrar.proxyBeanName(name);
		if (this.beanFactory.containsBean(proxy) && this.beanFactory.getBean(proxy) != endpoint.api()
				&& !this.proxyBeanCreations.wasCreated(name)) {
			logger.info("Not starting quickrpc API '" + name + "': its bean '" + proxy + "' was replaced");
			return false;
		}
		return true;
	}

	private void start(RpcEndpoint<?> endpoint) {
		try {
			endpoint.start();
		}
		catch (TransportException ex) {
			throw startFailure(endpoint, ex);
		}
	}

	private QuickRpcStartupException startFailure(RpcEndpoint<?> endpoint, TransportException ex) {
		String name = endpoint.name();
		String property = "quickrpc.apis." + name + ".transport";
		QuickRpcProperties.Api api = this.properties.getApis().get(name);
		String value = (api != null) ? api.getTransport() : null;
		String source = (value != null) ? property + " ('" + value + "')"
				: "the Transport bean qualified '" + name + "'";
		String description = "quickrpc API '" + name + "' (" + endpoint.apiType().getName()
				+ ") could not start its transport, set by " + source + ": " + ex.getMessage();
		String action;
		if (causedBy(ex, BindException.class)) {
			action = "Stop the process that listens on that port, or "
					+ ((value != null) ? "set " + property + " to another port ('tcpserv::0' lets the system "
							+ "choose one, published as local.quickrpc." + name + ".port)"
							: "give the Transport bean qualified '" + name + "' another port")
					+ ".";
		}
		else if (causedBy(ex, ConnectException.class)) {
			action = "Start the server that " + ((value != null) ? property : "the Transport bean qualified '" + name + "'")
					+ " names before this application, or correct its address; or set quickrpc.apis." + name
					+ ".fail-fast to false, so that this application starts anyway and connects once the server is up.";
		}
		else {
			action = "Correct " + source + ", or remove the cause the description names.";
		}
		return new QuickRpcStartupException(description, action, name, RemoteApiRegistrar.endpointBeanName(name),
				(value != null) ? property : null, ex);
	}

	private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return true;
			}
		}
		return false;
	}

	private static void logStarted(RpcEndpoint<?> endpoint) {
		if (!logger.isInfoEnabled()) {
			return;
		}
		String address = BoundAddress.of(endpoint);
		String state = (address != null) ? "listening on " + address
				: endpoint.isRunning() ? "peers " + endpoint.peers()
						: "not connected yet, connecting in the background";
		logger.info("Started quickrpc API '" + endpoint.name() + "' (" + endpoint.apiType().getName()
				+ ") on transport " + endpoint.transport() + ", " + state);
	}

	/** Starts the thread that keeps the JVM alive until the returned latch counts down. */
	private static CountDownLatch keepAlive() {
		CountDownLatch stopped = new CountDownLatch(1);
		Thread thread = new Thread(() -> {
			try {
				stopped.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, KEEP_ALIVE_THREAD);
		thread.setContextClassLoader(QuickRpcLifecycle.class.getClassLoader());
		thread.setDaemon(false);
		thread.start();
		return stopped;
	}

	private void publishPort(RpcEndpoint<?> endpoint) {
		InetSocketAddress address = endpoint.transport().localAddress();
		if (address == null) {
			return;
		}
		MutablePropertySources sources = this.environment.getPropertySources();
		PropertySource<?> source = sources.get(PORTS);
		if (source == null) {
			source = new MapPropertySource(PORTS, new HashMap<>());
			sources.addFirst(source);
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> ports = (Map<String, Object>) source.getSource();
		ports.put("local.quickrpc." + endpoint.name() + ".port", address.getPort());
	}

}
