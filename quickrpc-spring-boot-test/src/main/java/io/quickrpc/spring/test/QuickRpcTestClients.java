package io.quickrpc.spring.test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;

import io.quickrpc.RpcEndpoint;
import io.quickrpc.convert.Converter;
import io.quickrpc.transport.Transport;
import tools.jackson.databind.json.JsonMapper;

/**
 * The other side of each endpoint that {@link AutoConfigureQuickRpcInProcess} switched to the
 * in-process bus: an endpoint of the same API, inverted the other way, with the application
 * endpoint's codec, security and reply timeout, connected to it alone. Through
 * {@link #client(Class)} a test calls the application's handlers; on {@link #endpoint(Class)} it
 * connects listeners that receive what the application sends. Each is created on first use,
 * started, and kept until {@link #reset()} or the application context closes.
 */
public final class QuickRpcTestClients implements DisposableBean {

	private final InProcessTransports transports;

	private final ObjectProvider<RpcEndpoint<?>> endpoints;

	private final ObjectProvider<JsonMapper> jsonMapper;

	private final ObjectProvider<Converter.Factory> converterFactories;

	private final Map<String, RpcEndpoint<?>> clients = new ConcurrentHashMap<>();

	QuickRpcTestClients(InProcessTransports transports, ObjectProvider<RpcEndpoint<?>> endpoints,
			ObjectProvider<JsonMapper> jsonMapper, ObjectProvider<Converter.Factory> converterFactories) {
		this.transports = transports;
		this.endpoints = endpoints;
		this.jsonMapper = jsonMapper;
		this.converterFactories = converterFactories;
	}

	/**
	 * Returns the proxy through which the test calls the endpoint named as the API's
	 * {@code @RemoteApi}.
	 * @param <T> the API interface
	 * @param api the API interface
	 * @return the proxy of the test's side
	 * @throws IllegalArgumentException if no such endpoint was switched to the in-process bus
	 */
	public <T> T client(Class<T> api) {
		return endpoint(api).api();
	}

	/**
	 * Returns the proxy through which the test calls the endpoint of a name, such as a second
	 * endpoint of an interface.
	 * @param <T> the API interface
	 * @param name the endpoint's name, its {@code quickrpc.apis} key
	 * @param api the API interface
	 * @return the proxy of the test's side
	 * @throws IllegalArgumentException if no such endpoint was switched to the in-process bus
	 */
	public <T> T client(String name, Class<T> api) {
		return endpoint(name, api).api();
	}

	/**
	 * Returns the test's endpoint facing the endpoint named as the API's {@code @RemoteApi}, to
	 * connect listeners for the calls the application makes, or to see its peers.
	 * @param <T> the API interface
	 * @param api the API interface
	 * @return the started endpoint of the test's side
	 * @throws IllegalArgumentException if no such endpoint was switched to the in-process bus
	 */
	public <T> RpcEndpoint<T> endpoint(Class<T> api) {
		return endpoint(RpcEndpoint.apiName(api), api);
	}

	/**
	 * Returns the test's endpoint facing the endpoint of a name.
	 * @param <T> the API interface
	 * @param name the endpoint's name, its {@code quickrpc.apis} key
	 * @param api the API interface
	 * @return the started endpoint of the test's side
	 * @throws IllegalArgumentException if no such endpoint was switched to the in-process bus
	 */
	@SuppressWarnings("unchecked")
	public <T> RpcEndpoint<T> endpoint(String name, Class<T> api) {
		RpcEndpoint<?> application = application(name, api);
		return (RpcEndpoint<T>) this.clients.computeIfAbsent(name, (key) -> create(application, api));
	}

	/**
	 * Stops and forgets every test endpoint, with the listeners connected to them; the next
	 * call of {@link #client} or {@link #endpoint} creates a new one. Call it after each test
	 * whose listeners must not hear the next test's calls.
	 */
	public void reset() {
		List<RpcEndpoint<?>> created = List.copyOf(this.clients.values());
		this.clients.clear();
		created.forEach(RpcEndpoint::stop);
	}

	@Override
	public void destroy() {
		reset();
	}

	private RpcEndpoint<?> application(String name, Class<?> api) {
		RpcEndpoint<?> application = this.endpoints.orderedStream()
			.filter((endpoint) -> endpoint.name().equals(name))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("This application context has no quickrpc endpoint '"
					+ name + "'; its endpoints: " + this.endpoints.orderedStream().map(RpcEndpoint::name).toList()));
		if (application.apiType() != api) {
			throw new IllegalArgumentException("Endpoint '" + name + "' serves " + application.apiType().getName()
					+ ", not " + api.getName() + "; ask for it with " + application.apiType().getSimpleName() + ".class");
		}
		if (!this.transports.switches(name)) {
			throw new IllegalArgumentException("Endpoint '" + name + "' keeps its transport " + application.transport()
					+ "; add '" + name + "' to @AutoConfigureQuickRpcInProcess(apis = ...) to reach it in-process");
		}
		return application;
	}

	private <T> RpcEndpoint<T> create(RpcEndpoint<?> application, Class<T> api) {
		Transport transport = this.transports.client(application.name());
		RpcEndpoint.Builder<T> builder = RpcEndpoint.builder(api)
			.name(application.name())
			.inverted(!application.isInverted())
			.codec(application.codec())
			.security(application.security())
			.replyTimeout(application.replyTimeout())
			.transport(transport);
		this.jsonMapper.ifAvailable(builder::jsonMapper);
		this.converterFactories.orderedStream().forEach(builder::converterFactory);
		return builder.build().start();
	}

}
