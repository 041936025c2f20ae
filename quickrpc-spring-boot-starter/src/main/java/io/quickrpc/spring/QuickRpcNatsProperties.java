package io.quickrpc.spring;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

import io.quickrpc.transport.nats.NatsOptions;

/**
 * Settings of the {@code nats:} transport, shared by every API whose transport is a {@code nats:}
 * expression: servers, credentials, TLS, timeouts, reconnection and presence. Used when
 * {@code quickrpc-nats} is on the class path. {@link #toString()} shows no secret.
 */
@ConfigurationProperties("quickrpc.nats")
public class QuickRpcNatsProperties {

	/**
	 * Server URLs, such as nats://10.0.0.1:4222, for nats: expressions that name none, such as
	 * "nats:" or "nats::workers".
	 */
	private List<String> servers = new ArrayList<>();

	/**
	 * User name to authenticate with, together with the password.
	 */
	private @Nullable String user;

	/**
	 * Password of the user.
	 */
	private @Nullable String password;

	/**
	 * Token to authenticate with.
	 */
	private @Nullable String token;

	/**
	 * Path of a .creds file (a user JWT and its NKey seed) to authenticate with, as nsc issues.
	 */
	private @Nullable Path credentials;

	/**
	 * NKey seed (SU...) to authenticate with.
	 */
	private @Nullable String nkeySeed;

	/**
	 * Name of the connection, which the server's monitoring shows. Unset: quickrpc-NAMESPACE-PEER.
	 */
	private @Nullable String connectionName;

	/**
	 * How long connecting to a server may take. Unset: that of the application's jnats Options, else 2 s.
	 */
	private @Nullable Duration connectTimeout;

	/**
	 * How many times to reconnect after the connection is lost, -1 for ever. Unset: that of the
	 * application's jnats Options, else -1.
	 */
	private @Nullable Integer maxReconnects;

	/**
	 * How long to wait before trying the same server again. Unset: that of the application's jnats
	 * Options, else 2 s.
	 */
	private @Nullable Duration reconnectWait;

	/**
	 * How long an endpoint waits at most at start for the endpoints already in its namespace to answer.
	 */
	private Duration discoveryWait = NatsOptions.DEFAULT_DISCOVERY_WAIT;

	/**
	 * Version a service member reports to the NATS services protocol, such as 1.4.0. Unset: quickrpc's.
	 */
	private @Nullable String serviceVersion;

	private final Presence presence = new Presence();

	private final Ssl ssl = new Ssl();

	public List<String> getServers() {
		return this.servers;
	}

	public void setServers(List<String> servers) {
		this.servers = servers;
	}

	public @Nullable String getUser() {
		return this.user;
	}

	public void setUser(@Nullable String user) {
		this.user = user;
	}

	public @Nullable String getPassword() {
		return this.password;
	}

	public void setPassword(@Nullable String password) {
		this.password = password;
	}

	public @Nullable String getToken() {
		return this.token;
	}

	public void setToken(@Nullable String token) {
		this.token = token;
	}

	public @Nullable Path getCredentials() {
		return this.credentials;
	}

	public void setCredentials(@Nullable Path credentials) {
		this.credentials = credentials;
	}

	public @Nullable String getNkeySeed() {
		return this.nkeySeed;
	}

	public void setNkeySeed(@Nullable String nkeySeed) {
		this.nkeySeed = nkeySeed;
	}

	public @Nullable String getConnectionName() {
		return this.connectionName;
	}

	public void setConnectionName(@Nullable String connectionName) {
		this.connectionName = connectionName;
	}

	public @Nullable Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(@Nullable Duration connectTimeout) {
		this.connectTimeout = connectTimeout;
	}

	public @Nullable Integer getMaxReconnects() {
		return this.maxReconnects;
	}

	public void setMaxReconnects(@Nullable Integer maxReconnects) {
		this.maxReconnects = maxReconnects;
	}

	public @Nullable Duration getReconnectWait() {
		return this.reconnectWait;
	}

	public void setReconnectWait(@Nullable Duration reconnectWait) {
		this.reconnectWait = reconnectWait;
	}

	public Duration getDiscoveryWait() {
		return this.discoveryWait;
	}

	public void setDiscoveryWait(Duration discoveryWait) {
		this.discoveryWait = discoveryWait;
	}

	public @Nullable String getServiceVersion() {
		return this.serviceVersion;
	}

	public void setServiceVersion(@Nullable String serviceVersion) {
		this.serviceVersion = serviceVersion;
	}

	public Presence getPresence() {
		return this.presence;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	@Override
	public String toString() {
		return "QuickRpcNatsProperties[servers=" + this.servers.size() + ", user=" + this.user + ", password="
				+ mask(this.password) + ", token=" + mask(this.token) + ", nkeySeed=" + mask(this.nkeySeed)
				+ ", credentials=" + this.credentials + ", ssl.bundle=" + this.ssl.getBundle() + "]";
	}

	private static @Nullable String mask(@Nullable String secret) {
		return (secret != null) ? "***" : null;
	}

	/**
	 * Heartbeats that tell the endpoints of a namespace who is there.
	 */
	public static class Presence {

		/**
		 * How often an endpoint tells the others that it is alive.
		 */
		private Duration interval = NatsOptions.DEFAULT_PRESENCE_INTERVAL;

		/**
		 * How long a peer may be silent before it is reported gone; at least twice the interval.
		 */
		private Duration timeout = NatsOptions.DEFAULT_PRESENCE_TIMEOUT;

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/**
	 * TLS of the connections to the servers.
	 */
	public static class Ssl {

		/**
		 * Name of the Spring SSL bundle (spring.ssl.bundle.*) that trusts the servers and holds a
		 * client certificate if they require one.
		 */
		private @Nullable String bundle;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

	}

}
