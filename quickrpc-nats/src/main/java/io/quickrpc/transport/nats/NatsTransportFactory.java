package io.quickrpc.transport.nats;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.nats.client.Options;
import io.quickrpc.spi.ApiName;
import io.quickrpc.spi.Expression;
import io.quickrpc.spi.Registry;
import io.quickrpc.transport.Transport;
import io.quickrpc.transport.TransportFactory;
import io.quickrpc.transport.network.NetworkOptions;

/**
 * Creates NATS transports, {@code nats:SERVERS[:NAMESPACE[:GROUP]]}.
 * <ul>
 * <li>{@code SERVERS}: the servers of one cluster, separated by commas, each
 * {@code nats://HOST:PORT}, {@code tls://HOST:PORT}, {@code HOST:PORT} or {@code HOST} (port
 * 4222). Put the list in parentheses when it holds a colon:
 * {@code nats:(nats://a:4222,nats://b:4222):orders}. Empty ({@code nats::orders}, or just
 * {@code nats:}) takes {@link NatsOptions#servers()}, else the servers of the
 * {@link NatsOptions#natsOptions() jnats options} given, or
 * {@code nats://localhost:4222}; it must be empty when {@link NatsOptions#connection() a
 * connection} is given.</li>
 * <li>{@code NAMESPACE}: the endpoints that share it see each other; by default, or when empty,
 * the name of the endpoint's API ({@link ApiName}, which an endpoint's builder gives). Letters,
 * digits, {@code -} and {@code _}.</li>
 * <li>{@code GROUP}: optional; makes this endpoint a member of that service group: the
 * namespace's other endpoints see the group as one peer named {@code GROUP}, and each request
 * they send it reaches one member, balanced by NATS. Letters, digits, {@code -} and
 * {@code _}.</li>
 * </ul>
 * Credentials, TLS and other settings come from the registry's {@link NatsOptions}; the maximum
 * frame size from its {@link NetworkOptions}.
 */
public final class NatsTransportFactory implements TransportFactory {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

	@Override
	public String shorthand() {
		return "nats";
	}

	@Override
	public String syntax() {
		return "nats:SERVERS[:NAMESPACE[:GROUP]]";
	}

	@Override
	public Transport create(Expression expression, Registry<Transport> registry) {
		List<String> arguments = expression.arguments();
		if (arguments.size() > 3) {
			throw expression.invalid("expected servers, and optionally a namespace and a service group, as in "
					+ "nats:(nats://127.0.0.1:4222), nats:(nats://127.0.0.1:4222):orders or "
					+ "nats:(nats://127.0.0.1:4222)::workers; put servers that have colons in parentheses");
		}
		NatsOptions options = registry.setting(NatsOptions.class, NatsOptions.defaults());
		List<String> servers = servers(expression, arguments.isEmpty() ? "" : arguments.get(0));
		if (!servers.isEmpty() && options.connection() != null) {
			throw expression.invalid("servers are named, but NatsOptions hands over a connection of the "
					+ "application's own; leave the servers empty, as in nats::NAMESPACE");
		}
		String namespace = namespace(expression, registry, (arguments.size() > 1) ? arguments.get(1) : "");
		if (namespace.chars().allMatch(Character::isDigit)) {
			throw expression.invalid("the namespace '" + namespace + "' looks like a port; put HOST:PORT in "
					+ "parentheses, as in nats:(127.0.0.1:" + namespace + "):orders");
		}
		String group = (arguments.size() < 3) ? null : name(expression, "service group", arguments.get(2));
		int maxFrameSize = registry.setting(NetworkOptions.class, NetworkOptions.defaults()).maxFrameSize();
		ApiName api = registry.setting(ApiName.class, null);
		List<String> methods = (api != null) ? api.incomingMethods() : List.of();
		return new NatsTransport(servers, namespace, group, options, maxFrameSize, methods);
	}

	private static List<String> servers(Expression expression, String text) {
		List<String> servers = new ArrayList<>();
		if (text.isBlank()) {
			return servers;
		}
		for (String part : text.split(",")) {
			String server = part.strip();
			if (server.isEmpty()) {
				throw expression.invalid("the server list '" + text + "' has an empty entry");
			}
			String url = server.contains("://") ? server : "nats://" + server;
			try {
				new Options.Builder().server(url);
			}
			catch (RuntimeException ex) {
				throw expression.invalid("server '" + server + "' is not a NATS server address (" + ex.getMessage()
						+ "); write HOST, HOST:PORT or nats://HOST:PORT, and put a list with colons in parentheses");
			}
			servers.add(url);
		}
		return servers;
	}

	private static String namespace(Expression expression, Registry<Transport> registry, String text) {
		if (!text.isBlank()) {
			return name(expression, "namespace", text);
		}
		ApiName api = registry.setting(ApiName.class, null);
		if (api == null) {
			throw expression.invalid("no namespace given, and no API name to take it from (a transport created "
					+ "outside an endpoint's builder has none); write one, as in nats:(nats://127.0.0.1:4222):orders");
		}
		return name(expression, "namespace (the API name)", api.value());
	}

	private static String name(Expression expression, String what, String text) {
		String name = text.strip();
		if (!NAME.matcher(name).matches()) {
			throw expression.invalid("the " + what + " '" + text + "' must be letters, digits, '-' and '_'"
					+ (name.isEmpty() ? "; it is required" : " (it becomes a NATS subject token and service name)"));
		}
		return name;
	}

}
