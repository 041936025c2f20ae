package io.quickrpc.spring;

import java.net.InetSocketAddress;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;

import io.quickrpc.transport.Transport;
import io.quickrpc.transport.TransportException;

/**
 * The transport of an expression with placeholders that only the running context defines, such
 * as {@code tcp:127.0.0.1:${local.quickrpc.shop.port}}, the port another endpoint of the same
 * context bound: the expression is resolved, and its transport created, when the transport first
 * starts. {@link QuickRpcLifecycle} starts such endpoints after the others.
 */
final class PlaceholderTransport implements Transport {

	private final String expression;

	private final Environment environment;

	private final Function<String, Transport> factory;

	private volatile @Nullable Transport delegate;

	PlaceholderTransport(String expression, Environment environment, Function<String, Transport> factory) {
		this.expression = expression;
		this.environment = environment;
		this.factory = factory;
	}

	/**
	 * Returns the transport the resolved expression created.
	 * @return the transport, or {@code null} before the first start
	 */
	@Nullable Transport delegate() {
		return this.delegate;
	}

	/** Returns whether an expression, as bound, still holds a placeholder. */
	static boolean hasPlaceholder(String expression) {
		return expression.contains("${");
	}

	@Override
	public synchronized void start(Listener listener) {
		Transport transport = this.delegate;
		if (transport == null) {
			String resolved;
			try {
				resolved = this.environment.resolveRequiredPlaceholders(this.expression);
			}
			catch (IllegalArgumentException ex) {
				throw new TransportException("Cannot resolve transport expression '" + this.expression + "': "
						+ ex.getMessage() + "; define the property, or, for local.quickrpc.NAME.port, give endpoint NAME "
						+ "of this context a listening transport such as tcpserv::0", ex);
			}
			transport = this.factory.apply(resolved);
			this.delegate = transport;
		}
		transport.start(listener);
	}

	@Override
	public void stop() {
		Transport transport = this.delegate;
		if (transport != null) {
			transport.stop();
		}
	}

	@Override
	public boolean isRunning() {
		Transport transport = this.delegate;
		return transport != null && transport.isRunning();
	}

	@Override
	public void send(byte[] data, @Nullable Collection<String> receivers) {
		Transport transport = this.delegate;
		if (transport == null) {
			throw new TransportException("Cannot send on " + this + ": it is not running; start it first");
		}
		transport.send(data, receivers);
	}

	@Override
	public Set<String> peers() {
		Transport transport = this.delegate;
		return (transport != null) ? transport.peers() : Set.of();
	}

	@Override
	public @Nullable String defaultReceiver() {
		Transport transport = this.delegate;
		return (transport != null) ? transport.defaultReceiver() : null;
	}

	@Override
	public @Nullable String peerIdentity(String peer) {
		Transport transport = this.delegate;
		return (transport != null) ? transport.peerIdentity(peer) : null;
	}

	@Override
	public Map<String, String> peerSecurityInfo(String peer) {
		Transport transport = this.delegate;
		return (transport != null) ? transport.peerSecurityInfo(peer) : Map.of();
	}

	@Override
	public @Nullable InetSocketAddress localAddress() {
		Transport transport = this.delegate;
		return (transport != null) ? transport.localAddress() : null;
	}

	@Override
	public boolean pauseReading(String peer) {
		Transport transport = this.delegate;
		return transport != null && transport.pauseReading(peer);
	}

	@Override
	public void resumeReading(String peer) {
		Transport transport = this.delegate;
		if (transport != null) {
			transport.resumeReading(peer);
		}
	}

	@Override
	public String toString() {
		Transport transport = this.delegate;
		return (transport != null) ? transport.toString() : this.expression;
	}

}
